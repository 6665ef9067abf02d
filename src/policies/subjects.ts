/**
 * The catalogue of subjects the policy files may name (a policy for a subject not listed here stops start-up:
 * "unknown subject"). Each module adds its subjects with a one-line edit; `fields` lists the record fields a rule
 * may open or name in a condition (omit it to leave field names unchecked), `actions` the verbs its routes use.
 */
export interface SubjectDefinition {
  actions: readonly string[];
  fields?: readonly string[];
  /** the record field a rule's `fact` is about (default `id`) */
  key?: string;
}

/**
 * An action `family:detail` (e.g. `transition:open-access`) belongs to the family `family`: a route whose policy
 * names the family is open to a caller who may take some action of it; the use case then checks the exact action.
 */
export const familyOf = (action: string): string | null => (action.includes(':') ? action.slice(0, action.indexOf(':')) : null);

/** Every case transition a participant takes, as its own policy action (the scheduler and a ruling's outcome take the rest). */
export const CASE_TRANSITION_ACTIONS = [
  'withdraw', 'close-consent', 'open-access', 'close-access', 'confirm-brokering', 'close-resolved', 'close-joint-project',
  'close-no-agreement', 'end-improvement-period', 'close', 'record-absence', 'appoint-substitute', 'propose', 'close-vote',
] as const;

export const SUBJECTS: Record<string, SubjectDefinition> = {
  // identity (helper A)
  Organisation: { actions: ['list', 'read', 'create', 'update', 'invite'], fields: ['id', 'kind', 'affiliatedTo'] },
  Person: { actions: ['list', 'read', 'create', 'update', 'invite', 'invite:secretariat-staff', 'disable'], fields: ['id', 'organisationId'] },
  KerngroepSeat: { actions: ['list', 'assign', 'appoint-chair'] },
  Module: { actions: ['list', 'read', 'create', 'enrol', 'remove'] },
  Me: { actions: ['read', 'set-language'] },
  Session: { actions: ['delete'] },
  Task: { actions: ['list', 'owe-list', 'owe-plan'] },
  // issue 17: who must use a second factor (record: the caller's own), who manages and resets factors
  SecondFactor: { actions: ['go-without', 'manage-own', 'reset'], fields: ['personId', 'organisationId', 'accessWindows'], key: 'accessWindows' },
  // NDAs (art. 13, 21, 22, 56, annex)
  NdaText: { actions: ['list', 'read', 'publish'], fields: ['id', 'kind', 'version', 'sha256', 'text', 'publishedAt'] },
  NdaSignature: {
    actions: ['list', 'read', 'sign', 'revoke'],
    fields: ['id', 'organisationId', 'personId', 'kind', 'version', 'sha256', 'signerName', 'signedAt', 'expiresAt', 'revokedAt', 'status'],
  },
  // monitoring (art. 9-13) and plans of action (art. 12)
  MonitoringResult: {
    actions: ['list', 'read', 'store'],
    fields: [
      'id', 'companyId', 'companyName', 'round', 'finalScore', 'signal', 'advice',
      'sections.risks', 'sections.planOfAction', 'sections.other', 'improvementPeriods', 'updatedAt',
    ],
  },
  MonitoringFollowUp: { actions: ['list', 'complete'], fields: ['id', 'companyId', 'resultId', 'kind'] },
  PlanOfAction: { actions: ['list', 'read', 'submit'], fields: ['id', 'companyId', 'companyName', 'year', 'measures', 'submittedAt'] },
  AggregatedPlanOfAction: { actions: ['read'] },
  // explain and audit
  Authorization: { actions: ['explain'] },
  AuditEntry: { actions: ['list', 'read', 'verify', 'export'] },
  AuditCheckpoint: { actions: ['list', 'read-key'] },
  // production locations (helper D)
  ProductionLocation: { actions: ['list', 'read', 'upload', 'history', 'progress'], fields: ['organisationId', 'uploadedBy'] },
  AggregatedList: { actions: ['read', 'export', 'preview', 'publish'] },
  // the agreement's year (issue 15, items 1-2)
  AgreementCalendar: { actions: ['read', 'set-due-date'], fields: ['kind'] },
  CompanyDueDate: { actions: ['list', 'read'], fields: ['companyId'] },
  TransparencyProgress: { actions: ['read'], fields: ['companyId'] },
  AggregatedTransparencyProgress: { actions: ['read'] },
  CompanyRegionRequest: { actions: ['create', 'list', 'read', 'answer'], fields: ['requesterOrganisationId'] },
  CsoExpertise: { actions: ['read', 'update'], fields: ['organisationId'] },
  // Kerngroep and cases (helper E)
  Case: {
    actions: [
      'create', 'create:disclosure', 'create:restriction', 'create:complaint', 'list', 'read',
      'transition', ...CASE_TRANSITION_ACTIONS.map((a) => `transition:${a}`), 'vote', 'consent', 'report', 'message', 'declare-admissibility',
      'review-matches', 'decide-match',
    ],
    fields: [
      'id', 'type', 'state', 'version', 'createdAt', 'updatedAt', 'grounds', 'scope', 'approvedScope', 'requester', 'onBehalfOf',
      'sponsor', 'sponsorConstituency', 'subjectCompany', 'ruling', 'availableActions', 'access', 'deliberation', 'deadlines', 'nextDeadline',
      'timeline', 'consents', 'myConsent', 'myVote', 'restriction', 'reports', 'brokeredCompanies', 'messages', 'linkedCases',
      'myBrokeredEntries', 'restrictionEntries',
      // parts of a field, for the rules to open: the Kerngroep's and the secretariat's timeline events, the companies
      // found by brokering that the secretariat has not confirmed yet
      'timeline.kerngroep', 'timeline.secretariat', 'brokeredCompanies.unconfirmed',
    ],
  },
  DisclosedLocation: { actions: ['list'], fields: ['caseId'], key: 'caseId' },
  Ruling: { actions: ['list'] },
  // Kerngroep meetings (art. 48, 52; issue 15 item 3)
  KerngroepMeeting: { actions: ['list', 'read-agenda', 'plan', 'add-agenda-item', 'record-minutes', 'read-progress-report'] },
  AttendanceRequest: { actions: ['file', 'file-for-outsider', 'list', 'decide'], fields: ['requesterPersonId'] },
  // membership: accession, withdrawal, removal (art. 69-77) and the companies' grievance mechanisms (art. 85)
  Membership: { actions: ['list', 'read', 'give-notice', 'remind', 'propose-removal'], fields: ['organisationId'] },
  MembershipHeadline: { actions: ['list'] },
  AccessionRequest: {
    actions: ['list', 'read', 'file', 'inform', 'ask'],
    fields: ['id', 'name', 'kind', 'country', 'status', 'motivation', 'hasLetter', 'receivedAt', 'informedAt', 'caseId', 'organisationId', 'questions', 'contact', 'receivedVia', 'questionList'],
  },
  GrievanceMechanism: { actions: ['read', 'update'], fields: ['organisationId'] },
  // the yearly report (art. 14d, 33, 51); its published form is public
  YearlyReport: { actions: ['list', 'read', 'generate', 'submit'] },
};

export const NDA_KINDS = ['cso-monitoring', 'company-region', 'disclosure', 'supporters-protocol', 'secretariat-obligation'] as const;
export type NdaKind = (typeof NDA_KINDS)[number];
