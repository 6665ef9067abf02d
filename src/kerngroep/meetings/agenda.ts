/**
 * Which matters awaiting a ruling are on which meeting's agenda (art. 48). Pure; computed from the rulings' own dates
 * every time it is read, never stored: a ruling can be decided at any moment (by the last vote, the chair's close, an
 * assembly), and a copy on the agenda would have to follow every one of those paths.
 *
 * A ruling is on the agenda of meeting M when it was opened on or before M and was still undecided after the meeting
 * before M: it is put on the first meeting after it opened and stays on every later one until it is decided. A matter
 * decided before its meeting is kept on that agenda, marked decided (the parties see what happened to it).
 */
export interface AgendaRuling {
  caseId: string;
  caseType: string;
  stage: 'kerngroep' | 'assembly' | 'decided';
  outcome: 'approved' | 'rejected' | null;
  openedAt: Date;
  decidedAt: Date | null;
}

export interface AgendaMatter {
  caseId: string;
  caseType: string;
  status: 'pending' | 'decided';
  stage: AgendaRuling['stage'];
  outcome: AgendaRuling['outcome'];
  decidedAt: string | null;
  /** decided before the meeting started: it stays on the agenda, marked decided */
  decidedBeforeMeeting: boolean;
}

/** `previousAt`: the meeting before this one (null for the first). */
export function isOnAgenda(r: AgendaRuling, meetingAt: Date, previousAt: Date | null): boolean {
  if (r.openedAt.getTime() > meetingAt.getTime()) return false;
  if (previousAt && r.decidedAt && r.decidedAt.getTime() <= previousAt.getTime()) return false;
  return true;
}

export function agendaMatters(rulings: AgendaRuling[], meetingAt: Date, previousAt: Date | null): AgendaMatter[] {
  return rulings
    .filter((r) => isOnAgenda(r, meetingAt, previousAt))
    .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || a.caseId.localeCompare(b.caseId))
    .map((r) => ({
      caseId: r.caseId,
      caseType: r.caseType,
      status: r.decidedAt ? 'decided' : 'pending',
      stage: r.stage,
      outcome: r.outcome,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decidedBeforeMeeting: r.decidedAt !== null && r.decidedAt.getTime() <= meetingAt.getTime(),
    }));
}
