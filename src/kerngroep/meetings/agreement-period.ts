/**
 * The agreement's period (art. 66-67): the new term starts on 16 October 2025 and runs four years, ending on
 * 31 December 2029. A Kerngroep meeting (art. 48) can only be set inside it. Dates are calendar days in the
 * Netherlands; the bounds are inclusive.
 */
export const AGREEMENT_STARTS_ON = '2025-10-16';
export const AGREEMENT_ENDS_ON = '2029-12-31';

/** Art. 48: "De Kerngroep komt vier keer per jaar bijeen." */
export const MEETINGS_PER_YEAR = 4;

/** The calendar day of `at` in the Netherlands (the agreement's days, as `agreement_today()` in the database). */
export function dutchDay(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Null when `at` lies inside the agreement's period, otherwise the problem to name in a 422. */
export function outsidePeriod(at: Date): string | null {
  const day = dutchDay(at);
  if (day < AGREEMENT_STARTS_ON) return `lies before the agreement's period, which starts on ${AGREEMENT_STARTS_ON} (art. 66)`;
  if (day > AGREEMENT_ENDS_ON) return `lies after the agreement's period, which ends on ${AGREEMENT_ENDS_ON} (art. 67)`;
  return null;
}
