import type { ProtectedCounts } from './protect-counts.js';

/** Art. 33: the agreement runs 2025-2029 (signed 16/10/2025); a yearly report covers one of its years. */
export const AGREEMENT_FIRST_YEAR = 2025;
export const AGREEMENT_LAST_YEAR = 2029;

export const ROUNDS = ['baseline', 'year2', 'year4'] as const;
export const SIGNALS = ['green', 'orange', 'red'] as const;

/** A case's state, as the outcome the report counts (non-terminal states are `open`). */
export const OUTCOMES = {
  disclosure: { rejected: 'rejected', withdrawn: 'withdrawn', closed_resolved: 'resolved', closed_joint_project: 'joint_project', closed_no_agreement: 'no_agreement' },
  restriction: { approved: 'approved', rejected: 'rejected', withdrawn: 'withdrawn' },
  complaint: { not_admissible: 'not_admissible', dismissed: 'dismissed', improvement_period: 'upheld', follow_up: 'upheld', closed: 'upheld', withdrawn: 'withdrawn' },
} as const satisfies Record<string, Record<string, string>>;
export type CaseKind = keyof typeof OUTCOMES;
export const outcomeKeys = (kind: CaseKind) => [...new Set([...Object.values(OUTCOMES[kind]), 'open'])];

export interface PlanCell {
  key: string;
  measures: number | null;
  companies: number | null;
  suppressed: boolean;
}

/**
 * The yearly report (art. 14d, 33, 51), as generated from the data: every figure an aggregate with the small-count
 * protection of protect-counts.ts or of the module it comes from; no company, person or case is named.
 */
export interface YearlyReportContent {
  year: number;
  minCompanies: number;
  generatedAt: string;
  /** art. 9-10, 33: the spread of monitoring signals per round */
  monitoring: Array<{ round: (typeof ROUNDS)[number] } & ProtectedCounts>;
  /** art. 12: the aggregated plan of action (its own threshold) */
  plan: { year: number; companiesSubmitted: number; threshold: number; byStep: PlanCell[]; byTheme: PlanCell[] };
  /** art. 19-20: the published aggregated list, in summary: locations per country */
  aggregatedList: { published: boolean; sha256: string | null; cells: number; countries: Array<{ country: string; locations: number }> };
  /** art. 22-24, 83-84: cases filed in the year by outcome */
  cases: Record<CaseKind, ProtectedCounts>;
  /** art. 40, 69-77: membership at the end of the year */
  membership: { byKind: Record<string, number>; joined: number; left: number };
}
