import { describe, expect, it } from 'vitest';
import { agreementCalendar, agreementYears, companyDeadlines, dueDateProblem } from './agreement-calendar.js';

const settings = { startsOn: '2025-10-16', endsOn: '2029-12-31', listDueDay: '06-30', listReminderDays: 30, monitoringReminderDays: 14 };

describe('the agreement calendar (art. 9-10, 17-18, 66-67)', () => {
  it('art. 66-67: four agreement years from 16 October 2025, the last running on to 31 December 2029', () => {
    expect(agreementYears(settings)).toEqual([
      { number: 1, startsOn: '2025-10-16', endsOn: '2026-10-15' },
      { number: 2, startsOn: '2026-10-16', endsOn: '2027-10-15' },
      { number: 3, startsOn: '2027-10-16', endsOn: '2028-10-15' },
      { number: 4, startsOn: '2028-10-16', endsOn: '2029-12-31' },
    ]);
  });

  it('art. 9-10, 17: a list every year (30 June, inside the period) and rounds at the end of years 1, 2 and 4, each reminded ahead', () => {
    const c = agreementCalendar(settings, []);
    expect(c.lists.map((l) => [l.period, l.dueOn, l.remindOn])).toEqual([
      ['2026', '2026-06-30', '2026-05-31'],
      ['2027', '2027-06-30', '2027-05-31'],
      ['2028', '2028-06-30', '2028-05-31'],
      ['2029', '2029-06-30', '2029-05-31'],
    ]);
    expect(c.rounds.map((r) => [r.period, r.dueOn, r.remindOn])).toEqual([
      ['baseline', '2026-10-15', '2026-10-01'],
      ['year2', '2027-10-15', '2027-10-01'],
      ['year4', '2029-12-31', '2029-12-17'],
    ]);
  });

  it("the secretariat's date replaces the configured one and is marked as set", () => {
    const c = agreementCalendar(settings, [{ kind: 'list', period: '2027', dueOn: '2027-03-31' }]);
    expect(c.lists.find((l) => l.period === '2027')).toMatchObject({ dueOn: '2027-03-31', remindOn: '2027-03-01', isSet: true });
    expect(c.lists.find((l) => l.period === '2028')).toMatchObject({ isSet: false });
  });

  it('art. 69-72: a company that signs later has its own year 1 for the baseline, and only the lists and rounds after it', () => {
    const c = agreementCalendar(settings, []);
    expect(companyDeadlines(c, '2025-10-16', settings).map((d) => `${d.kind}:${d.period}:${d.dueOn}`)).toEqual([
      'list:2026:2026-06-30', 'monitoring:baseline:2026-10-15', 'list:2027:2027-06-30', 'monitoring:year2:2027-10-15',
      'list:2028:2028-06-30', 'list:2029:2029-06-30', 'monitoring:year4:2029-12-31',
    ]);
    expect(companyDeadlines(c, '2027-08-01', settings).map((d) => `${d.kind}:${d.period}:${d.dueOn}`)).toEqual([
      'list:2028:2028-06-30', 'monitoring:baseline:2028-07-31', 'list:2029:2029-06-30', 'monitoring:year4:2029-12-31',
    ]);
  });

  it('a due date outside the agreement period, or not a date, is named as such', () => {
    expect(dueDateProblem(settings, '2027-06-30')).toBeNull();
    expect(dueDateProblem(settings, '2030-01-01')).toMatch(/within the agreement's period, 2025-10-16 to 2029-12-31/);
    expect(dueDateProblem(settings, '2025-10-15')).toMatch(/within the agreement's period/);
    expect(dueDateProblem(settings, '2027-02-30')).toBe('must be a date, YYYY-MM-DD');
    expect(dueDateProblem(settings, 20270630)).toBe('must be a date, YYYY-MM-DD');
  });
});
