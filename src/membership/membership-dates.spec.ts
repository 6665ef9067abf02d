import { describe, expect, it } from 'vitest';
import { addMonths, removalDates, shreddingDates, withdrawalDates } from './membership-dates.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const day = (x: Date) => x.toISOString().slice(0, 10);

describe('withdrawal dates (art. 73-75)', () => {
  it('art. 73: a notice within the first year after signing is refused with the date it becomes possible', () => {
    const r = withdrawalDates(d('2025-03-15'), d('2026-03-14'));
    expect(r.allowed).toBe(false);
    if (!r.allowed) {
      expect(r.rule).toBe('one-year-after-signing');
      expect(day(r.possibleFrom)).toBe('2026-03-15');
      expect(r.message).toContain('art. 73');
      expect(r.message).toContain('2026-03-15');
    }
  });

  it('art. 74: a notice before 1 July ends the participation on 1 January of the next year', () => {
    const r = withdrawalDates(d('2025-01-01'), d('2026-06-30'));
    expect(r.allowed && day(r.effectiveAt)).toBe('2027-01-01');
    expect(r.allowed && r.dutiesUntil).toBe('2026-12-31');
  });

  it('art. 74: exactly six months before 1 January is still enough', () => {
    const r = withdrawalDates(d('2025-01-01'), d('2026-07-01'));
    expect(r.allowed && day(r.effectiveAt)).toBe('2027-01-01');
  });

  it('art. 74: a notice after 1 July needs half a year, so it ends the participation a year later', () => {
    const r = withdrawalDates(d('2025-01-01'), new Date('2026-07-01T00:00:01Z'));
    expect(r.allowed && day(r.effectiveAt)).toBe('2028-01-01');
  });

  it('art. 73: on the first anniversary of signing notice is possible', () => {
    const r = withdrawalDates(d('2025-09-10'), d('2026-09-10'));
    expect(r.allowed && day(r.effectiveAt)).toBe('2028-01-01');
  });

  it('art. 74: a later 1 January may be asked for; an earlier one or another day is refused with the earliest date', () => {
    const later = withdrawalDates(d('2025-01-01'), d('2026-02-01'), d('2028-01-01'));
    expect(later.allowed && day(later.effectiveAt)).toBe('2028-01-01');
    const early = withdrawalDates(d('2025-01-01'), d('2026-09-01'), d('2027-01-01'));
    expect(early.allowed).toBe(false);
    if (!early.allowed) {
      expect(early.rule).toBe('six-months-notice');
      expect(early.message).toContain('2028-01-01');
    }
    const notNewYear = withdrawalDates(d('2025-01-01'), d('2026-02-01'), d('2027-03-01'));
    expect(!notNewYear.allowed && notNewYear.rule).toBe('start-of-year');
  });
});

describe('removal and shredding dates (art. 76-77)', () => {
  it('art. 76: removal takes effect three months after the decision; art. 77: duties until the end of that agreement year', () => {
    const r = removalDates(d('2026-11-30'));
    expect(day(r.effectiveAt)).toBe('2027-02-28');
    expect(r.dutiesUntil).toBe('2027-12-31');
  });

  it('shredding follows the retention period, the warning 14 days before it (halfway for a short period)', () => {
    const long = shreddingDates(d('2027-01-01'), 90);
    expect(day(long.dueAt)).toBe('2027-04-01');
    expect(day(long.warnAt)).toBe('2027-03-18');
    const short = shreddingDates(d('2027-01-01'), 2);
    expect(short.warnAt.toISOString()).toBe('2027-01-02T00:00:00.000Z');
  });

  it('months are calendar months, clamped to the last day', () => {
    expect(day(addMonths(d('2026-08-31'), 6))).toBe('2027-02-28');
    expect(day(addMonths(d('2027-12-15'), 1))).toBe('2028-01-15');
  });
});
