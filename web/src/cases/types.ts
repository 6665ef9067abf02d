import { type CaseSummary } from '../shared.tsx';

export interface Scope {
  countries?: string[];
  regions?: string[];
  rawMaterials?: string[];
  activityTypes?: string[];
  year?: number;
}

export interface CaseView extends CaseSummary {
  version: number;
  scope?: Scope | null;
  approvedScope?: Scope | null;
  sponsor?: { constituency: string; organisation: { id: string; name: string | null } | null } | null;
  ruling?: { stage: string; proposal: Record<string, unknown>; outcome: string | null; basis: string | null; escalated: boolean; openedAt: string; escalatedAt: string | null; decidedAt: string | null; voteDueAt?: string | null } | null;
  deliberation?: {
    seats: { seat: string; holderOrganisationId?: string | null; isRecused: boolean; isFixedAbsent: boolean; substituteOrganisationId: string | null }[];
    votes: { stage: string; seat: string | null; organisation: string; person: string; capacity: string; vote: string; reason: string | null; castAt: string }[];
    tally: Record<string, unknown> | null;
    escalationReason: string | null;
    reasons: string | null;
    /** art. 49: the seats that have not voted yet; in the assembly, how many parties; whether the chair may close now */
    notVoted?: string[];
    partiesNotVoted?: number | null;
    closable?: boolean;
  };
  timeline?: { at: string; by: { person: string | null; organisation: string | null; constituency?: string | null } | null; action: string; from?: string | null; to?: string | null; details?: Record<string, unknown> }[];
  consents?: { company: { id: string; name: string }; status: string; answeredAt: string | null }[];
  myConsent?: { status: string; answeredAt: string | null; entries: ConsentEntry[] } | null;
  /** a restriction matter's entries: facts for whoever sees the matter, name and address for the company and the secretariat */
  restrictionEntries?: CaseEntry[];
  /** the vote the caller's organisation cast at the ruling's current stage (a party in the assembly sees no deliberation) */
  myVote?: { stage: string; vote: string; castAt: string } | null;
  reports?: { id: string; locationRefs: string[]; description: string; createdAt: string }[];
  brokeredCompanies?: { id: string; name: string; confirmed: boolean }[];
  /** a company brought into the dialogue: its own entries matching a reported supplier, named from its own list */
  myBrokeredEntries?: (Omit<CaseEntry, 'identityShown'> & { reportIds: string[] })[];
  messages?: { id: number; author: string | null; organisation: string | null; constituency?: string | null; kind: string; body: string; at: string }[];
  linkedCases?: { id: string }[] | string[];
}

/** One entry as a case shows it (issue 14): the facts, and name and address where the caller may read the entry. */
export interface CaseEntry {
  id: string;
  identityShown: boolean;
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  rawMaterials: string[];
  tier: number;
}

export interface Reveal {
  level: 'full' | 'region' | 'country' | 'counted' | 'hidden';
  shows: Partial<Pick<CaseEntry, 'supplierName' | 'address' | 'postcode' | 'city' | 'country' | 'region' | 'activityType' | 'rawMaterials'>>;
}

/** The company's own entry in a consent request, with what each answer would reveal (computed by the API). */
export interface ConsentEntry extends Partial<CaseEntry> {
  id: string;
  level: string | null;
  restrictionLevel?: string;
  reveals?: Record<'identity' | 'region' | 'country' | 'decline', Reveal>;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  constituency?: string | null;
  party?: boolean;
}

export interface OwnEntry {
  id: string;
  supplierName: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  rawMaterials: string[];
}

export interface DisclosedEntry {
  id: string;
  level: string;
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  rawMaterials: string[];
  tier: number;
}

export const TRANSITIONS = ['withdraw', 'open-access', 'close-consent', 'close-access', 'confirm-brokering', 'close-resolved', 'close-joint-project', 'close-no-agreement'];

/** Declined and silent entries (art. 19): counts per country, region and activity type, small cells withheld. */
export interface DisclosedCounts {
  minCompanies: number;
  cells: { country: string; region: string | null; activityType: string; locations: number; companies: number }[];
}
