/**
 * The dates the agreement sets for leaving it (art. 73-77). Pure: no Nest, no database. All dates are UTC; an
 * agreement year is a calendar year (the agreement runs 2025-2029 and the yearly duties, such as the
 * production-location list of art. 17-18, are per calendar year).
 */

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The same calendar date `months` later (clamped to the month's last day: 31 August + 6 months = 28/29 February). */
export function addMonths(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const target = utc(y, m, 1);
  const lastDay = utc(target.getUTCFullYear(), target.getUTCMonth() + 1, 0).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/** The last day of the agreement year `at` falls in (art. 77: "het einde van het lopende Sectorovereenkomst jaar"). */
export function endOfAgreementYear(at: Date): string {
  return `${at.getUTCFullYear()}-12-31`;
}

export type WithdrawalDates =
  | { allowed: true; possibleFrom: Date; effectiveAt: Date; dutiesUntil: string }
  | { allowed: false; rule: 'one-year-after-signing'; possibleFrom: Date; message: string }
  | { allowed: false; rule: 'start-of-year' | 'six-months-notice'; possibleFrom: Date; earliestEffectiveAt: Date; message: string };

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * When a notice given at `givenAt` by a party that signed at `signedAt` takes effect.
 * - Art. 73: notice can be given from one year after the party signed.
 * - Art. 74: it ends the participation "per het daaropvolgende jaar", with a notice period of half a year: the
 *   first 1 January that lies at least six months after the notice.
 * A party may ask for a later 1 January (`requested`); an earlier date, or a date that is not a 1 January, is refused.
 * Until the effective date the party keeps its rights and duties (art. 75); its duties run to the end of the
 * agreement year before the effective date.
 */
export function withdrawalDates(signedAt: Date, givenAt: Date, requested?: Date): WithdrawalDates {
  const possibleFrom = addMonths(signedAt, 12);
  if (givenAt < possibleFrom)
    return {
      allowed: false,
      rule: 'one-year-after-signing',
      possibleFrom,
      message: `notice can be given from one year after signing (art. 73): possible from ${day(possibleFrom)}`,
    };
  const sixMonthsLater = addMonths(givenAt, 6);
  let year = givenAt.getUTCFullYear() + 1;
  while (utc(year, 0, 1) < sixMonthsLater) year++;
  const earliest = utc(year, 0, 1);
  let effectiveAt = earliest;
  if (requested) {
    const isNewYear = requested.getUTCMonth() === 0 && requested.getUTCDate() === 1 && requested.getTime() % 86_400_000 === 0;
    if (!isNewYear)
      return { allowed: false, rule: 'start-of-year', possibleFrom, earliestEffectiveAt: earliest, message: `must be a 1 January: participation ends per the following year (art. 74); the earliest is ${day(earliest)}` };
    if (requested < earliest)
      return { allowed: false, rule: 'six-months-notice', possibleFrom, earliestEffectiveAt: earliest, message: `must lie at least six months after the notice, at the start of a year (art. 74): the earliest is ${day(earliest)}` };
    effectiveAt = requested;
  }
  return { allowed: true, possibleFrom, effectiveAt, dutiesUntil: day(new Date(effectiveAt.getTime() - 86_400_000)) };
}

/**
 * A removal the Kerngroep decided at `decidedAt` (art. 76-77): it takes effect after a term of three months; the
 * removed party keeps its duties until the end of the agreement year in which it takes effect.
 */
export function removalDates(decidedAt: Date): { effectiveAt: Date; dutiesUntil: string } {
  const effectiveAt = addMonths(decidedAt, 3);
  return { effectiveAt, dutiesUntil: endOfAgreementYear(effectiveAt) };
}

/**
 * When the data of an organisation that left is shredded, and when the secretariat is warned: `retentionDays`
 * after the effective date (MEMBER_DATA_RETENTION_DAYS), the warning 14 days before (or halfway, for a short period).
 */
export function shreddingDates(effectiveAt: Date, retentionDays: number): { warnAt: Date; dueAt: Date } {
  const dueAt = new Date(effectiveAt.getTime() + retentionDays * 86_400_000);
  const before = Math.min(14 * 86_400_000, (retentionDays * 86_400_000) / 2);
  return { warnAt: new Date(dueAt.getTime() - before), dueAt };
}
