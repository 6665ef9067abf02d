/** The to-do list's order (issue 14, item 1): the earliest deadline first, tasks without a date last, then by kind. */
export function byDeadline(a: { dueAt: string | null; kind: string }, b: { dueAt: string | null; kind: string }): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  }
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}
