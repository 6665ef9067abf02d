import type { FieldProblem } from '../../common/errors.js';

/** Art. 66: the agreement's term starts on 16 October 2025. */
export const AGREEMENT_STARTS_ON = '2025-10-16';
/** Art. 67: it ends on 31 December 2029. */
export const AGREEMENT_ENDS_ON = '2029-12-31';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Is `text` a real calendar date written as YYYY-MM-DD? */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * A governance date (a seat term, the chair, a module's period) must fall within the agreement's term: nothing the
 * agreement sets up exists before it starts (art. 66) or after it ends (art. 67). Returns the problem, or null.
 */
export function agreementDateProblem(field: string, value: string): FieldProblem | null {
  if (!isCalendarDate(value)) return { field, problem: 'must be a date written as YYYY-MM-DD' };
  if (value < AGREEMENT_STARTS_ON) return { field, problem: `must not be before ${AGREEMENT_STARTS_ON}, when the agreement's term starts (art. 66)` };
  if (value > AGREEMENT_ENDS_ON) return { field, problem: `must not be after ${AGREEMENT_ENDS_ON}, when the agreement ends (art. 67)` };
  return null;
}
