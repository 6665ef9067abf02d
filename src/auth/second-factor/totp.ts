import { generateSecret, generateURI, verify } from 'otplib';
import type { VerifyResult } from '@otplib/totp';
import QRCode from 'qrcode';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** ±1 step: a code from the step before or after the current one is still accepted (clock drift, typing time). */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export function newTotpSecret(): string {
  // 20 random bytes (160 bits, the RFC 4226 recommendation), base32
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, label: string, issuer: string): string {
  return generateURI({ issuer, label, secret, period: TOTP_PERIOD_SECONDS });
}

/** The QR code of an otpauth URI, as an SVG data URL (an <img> shows it; nothing is fetched from elsewhere). */
export async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The time step a code belongs to (current ±1), or undefined when it is no valid code now. Steps at or before
 * `afterStep` (the last accepted one) are refused, so a code is accepted once; the caller stores the step it accepts
 * with a conditional update, which decides between two instances racing with the same code.
 */
export async function acceptedStep(secret: string, code: string, afterStep: number | null, epochSeconds?: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    ...(epochSeconds !== undefined ? { epoch: epochSeconds } : {}),
  }).catch(() => undefined) as VerifyResult | undefined;
  return result?.valid ? result.timeStep : undefined;
}
