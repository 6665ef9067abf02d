import { describe, expect, it } from 'vitest';
import { byDeadline } from './task-order.js';

describe('the to-do list order (issue 14, item 1)', () => {
  it('puts the earliest deadline first and tasks without a date last', () => {
    const tasks = [
      { kind: 'upload-list', dueAt: null },
      { kind: 'vote', dueAt: '2026-12-20T00:00:00.000Z' },
      { kind: 'consent', dueAt: '2026-12-03T10:00:00.000Z' },
      { kind: 'renew-nda', dueAt: '2026-12-03T09:00:00.000Z' },
      { kind: 'appoint-substitute', dueAt: null },
    ];
    expect([...tasks].sort(byDeadline).map((t) => t.kind)).toEqual(['renew-nda', 'consent', 'vote', 'appoint-substitute', 'upload-list']);
  });

  it('orders tasks due at the same moment by kind, so the list is stable', () => {
    const at = '2026-12-03T10:00:00.000Z';
    expect([{ kind: 'vote', dueAt: at }, { kind: 'consent', dueAt: at }].sort(byDeadline).map((t) => t.kind)).toEqual(['consent', 'vote']);
  });
});
