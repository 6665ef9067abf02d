/**
 * The agreement's calendar (issue 15, item 1). Pure: no Nest, no database; dates are `YYYY-MM-DD` strings in UTC.
 *
 * - The agreement starts on AGREEMENT_STARTS_ON (art. 66: 16 October 2025) and ends on AGREEMENT_ENDS_ON (art. 67:
 *   31 December 2029). Its **agreement years** are twelve-month periods from the start ("jaar 1 van de
 *   Sectorovereenkomst", art. 9); art. 67 speaks of four years, so there are as many whole years as fit, and the last
 *   one runs on to the end date (year 4: 16 October 2028 – 31 December 2029).
 * - **Monitoring rounds** (art. 9-10): the baseline before the end of year 1, then year 2 and year 4, each due on the
 *   last day of its agreement year. A company that signs later (accession, art. 69-72) has its own year 1: its
 *   baseline is due twelve months after it signed (never after the end), and only the later rounds due after that.
 * - **Production-location lists** (art. 17-18) are per calendar year, as uploads are (`?year=`): the list of year Y is
 *   due on LIST_DUE_DAY of Y, for every year whose due day lies in the agreement's period and on or after the
 *   company's signing date.
 * - The secretariat may move the due date of one year's list or of one round, within the agreement's period.
 * - A reminder goes out LIST_REMINDER_DAYS / MONITORING_REMINDER_DAYS before the due date; the deadline is the end of
 *   the due day (UTC), after it a deadline not met is overdue.
 */

export const ROUNDS = ['baseline', 'year2', 'year4'] as const;
export type Round = (typeof ROUNDS)[number];
/** the agreement year a round belongs to (art. 9-10) */
export const ROUND_YEAR: Record<Round, number> = { baseline: 1, year2: 2, year4: 4 };

export type DeadlineKind = 'list' | 'monitoring';

export interface CalendarSettings {
  startsOn: string;
  endsOn: string;
  /** MM-DD */
  listDueDay: string;
  listReminderDays: number;
  monitoringReminderDays: number;
}

/** A due date the secretariat set for one year's list (`period` = the year) or one round (`period` = the round). */
export interface DueDateOverride {
  kind: DeadlineKind;
  period: string;
  dueOn: string;
}

export interface AgreementYear {
  number: number;
  startsOn: string;
  endsOn: string;
}

export interface CalendarDeadline {
  kind: DeadlineKind;
  /** the list's year (`2026`) or the round (`baseline`) */
  period: string;
  dueOn: string;
  remindOn: string;
  /** true when the secretariat set this date; false when it follows from the configuration */
  isSet: boolean;
}

export interface AgreementCalendar {
  startsOn: string;
  endsOn: string;
  years: AgreementYear[];
  lists: CalendarDeadline[];
  rounds: CalendarDeadline[];
  listReminderDays: number;
  monitoringReminderDays: number;
}

const DAY_MS = 86_400_000;
const parse = (day: string) => new Date(`${day}T00:00:00.000Z`);
const format = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => format(new Date(parse(day).getTime() + days * DAY_MS));

/** The same date `months` later, clamped to the month's last day (29 February + 12 months = 28 February). */
export function addMonths(day: string, months: number): string {
  const d = parse(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last))));
}

/** `MM-DD` in year `year`, clamped to the month's last day (02-29 in a common year is 28 February). */
function dayOfYear(year: number, monthDay: string): string {
  const [m, d] = monthDay.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, m - 1, Math.min(d, last))));
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

export function agreementYears(s: Pick<CalendarSettings, 'startsOn' | 'endsOn'>): AgreementYear[] {
  const years: AgreementYear[] = [];
  for (let n = 1; addDays(addMonths(s.startsOn, 12 * n), -1) <= s.endsOn; n++) {
    years.push({ number: n, startsOn: addMonths(s.startsOn, 12 * (n - 1)), endsOn: addDays(addMonths(s.startsOn, 12 * n), -1) });
  }
  if (years.length === 0) return [{ number: 1, startsOn: s.startsOn, endsOn: s.endsOn }];
  years[years.length - 1].endsOn = s.endsOn; // the last year runs on to the end (art. 67)
  return years;
}

/** The problem with a due date the secretariat gives, or null: it must be a real date inside the agreement's period. */
export function dueDateProblem(s: Pick<CalendarSettings, 'startsOn' | 'endsOn'>, dueOn: unknown): string | null {
  if (typeof dueOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || Number.isNaN(parse(dueOn).getTime()) || format(parse(dueOn)) !== dueOn) {
    return 'must be a date, YYYY-MM-DD';
  }
  if (dueOn < s.startsOn || dueOn > s.endsOn) return `must lie within the agreement's period, ${s.startsOn} to ${s.endsOn} (art. 66-67)`;
  return null;
}

/** The sector-wide calendar: the configuration's dates, with the dates the secretariat set in their place. */
export function agreementCalendar(s: CalendarSettings, overrides: DueDateOverride[]): AgreementCalendar {
  const years = agreementYears(s);
  const set = new Map(overrides.map((o) => [`${o.kind}\u0000${o.period}`, o.dueOn]));
  const deadline = (kind: DeadlineKind, period: string, configured: string): CalendarDeadline => {
    const chosen = set.get(`${kind}\u0000${period}`);
    const dueOn = chosen ?? configured;
    return { kind, period, dueOn, remindOn: addDays(dueOn, -(kind === 'list' ? s.listReminderDays : s.monitoringReminderDays)), isSet: chosen !== undefined };
  };
  const lists: CalendarDeadline[] = [];
  for (let y = Number(s.startsOn.slice(0, 4)); y <= Number(s.endsOn.slice(0, 4)); y++) {
    const due = dayOfYear(y, s.listDueDay);
    if (due >= s.startsOn && due <= s.endsOn) lists.push(deadline('list', String(y), due));
    else if (set.has(`list\u0000${y}`)) lists.push(deadline('list', String(y), due));
  }
  const rounds = ROUNDS.filter((r) => ROUND_YEAR[r] <= years.length).map((r) => deadline('monitoring', r, years[ROUND_YEAR[r] - 1].endsOn));
  return { startsOn: s.startsOn, endsOn: s.endsOn, years, lists, rounds, listReminderDays: s.listReminderDays, monitoringReminderDays: s.monitoringReminderDays };
}

/** Whether `period` names a list year or round of this calendar (a PUT for another one is a 404). */
export function isPeriodOf(calendar: AgreementCalendar, kind: DeadlineKind, period: string): boolean {
  if (kind === 'monitoring') return calendar.rounds.some((r) => r.period === period);
  const year = Number(period);
  return /^\d{4}$/.test(period) && year >= Number(calendar.startsOn.slice(0, 4)) && year <= Number(calendar.endsOn.slice(0, 4));
}

/** One company's deadlines, from its signing date (art. 66: signed at the start; art. 69-72: accession later). */
export function companyDeadlines(calendar: AgreementCalendar, signedOn: string, s: Pick<CalendarSettings, 'monitoringReminderDays'>): CalendarDeadline[] {
  const out: CalendarDeadline[] = calendar.lists.filter((l) => l.dueOn >= signedOn);
  const baseline = calendar.rounds.find((r) => r.period === 'baseline');
  if (!baseline) return out;
  // Art. 9: the baseline before the end of the company's own first year.
  const ownYearOneEnds = earlier(addDays(addMonths(signedOn, 12), -1), calendar.endsOn);
  const baselineDue = later(baseline.dueOn, ownYearOneEnds);
  out.push(baselineDue === baseline.dueOn ? baseline : { ...baseline, dueOn: baselineDue, remindOn: addDays(baselineDue, -s.monitoringReminderDays) });
  for (const r of calendar.rounds) if (r.period !== 'baseline' && r.dueOn > baselineDue) out.push(r);
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.kind < b.kind ? -1 : 1));
}

/** The moment a deadline passes: the end of its due day (UTC). */
export const dueAt = (dueOn: string): Date => parse(addDays(dueOn, 1));
export const remindAt = (remindOn: string): Date => parse(remindOn);
