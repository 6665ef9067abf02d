/** The longest wait between two delivery attempts, however many have failed. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/**
 * Exponential backoff: after the n-th failed attempt the next one waits `base × 2^(n-1)` (base, 2×base, 4×base, …),
 * capped at six hours.
 */
export function nextAttemptDelayMs(failedAttempts: number, baseMs: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.min(exponent, 40));
}
