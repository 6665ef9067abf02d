import { describe, expect, it } from 'vitest';
import { ORGANISATION_KINDS } from '../common/caller.js';
import { isMonitoredKind } from './organisation-rules.js';

describe('what a monitoring result can be about (art. 9)', () => {
  it('of every organisation kind, only a company is monitored', () => {
    expect(ORGANISATION_KINDS.filter(isMonitoredKind)).toEqual(['company']);
  });
});
