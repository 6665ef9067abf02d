import { describe, expect, it } from 'vitest';
import { hostileValueProblem } from './hostile-input.js';

describe('hostileValueProblem', () => {
  it('names the path of a string holding a NUL, in the validation pipe\'s notation', () => {
    expect(hostileValueProblem({ a: { b: ['x', 'y\u0000'] } }, 'body')).toEqual({ field: 'a.b[1]', problem: 'must not contain a NUL character' });
    expect(hostileValueProblem('x\u0000', 'body')).toEqual({ field: 'body', problem: 'must not contain a NUL character' });
    expect(hostileValueProblem(['\u0000'], 'body')).toEqual({ field: 'body[0]', problem: 'must not contain a NUL character' });
  });

  it('names a string or a field name holding an unpaired surrogate; paired ones (emoji, CJK extensions) pass', () => {
    const problem = 'must be valid Unicode text (it holds an unpaired surrogate)';
    expect(hostileValueProblem({ email: 'a\uD800@example.test' }, 'body')).toEqual({ field: 'email', problem });
    expect(hostileValueProblem({ people: [{ name: '\uDC00' }] }, 'body')).toEqual({ field: 'people[0].name', problem });
    expect(hostileValueProblem({ ['x\uD800']: 1 }, 'body')?.problem).toBe(`is not allowed: a field name ${problem}`);
    expect(hostileValueProblem({ name: 'Coopérative 🌍 𠀀' }, 'body')).toBeUndefined();
  });

  it('names a too-deep value by its top-level field, without recursing', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(hostileValueProblem({ ok: 1, email: deep }, 'body', 32)).toEqual({ field: 'email', problem: 'nests deeper than 32 levels' });
  });

  it('lets ordinary values through, up to the depth limit', () => {
    expect(hostileValueProblem({ name: 'Stichting', locations: [{ id: 'a', level: 'identity' }], n: 1, b: null }, 'body')).toBeUndefined();
    expect(hostileValueProblem(undefined, 'query')).toBeUndefined();
    expect(hostileValueProblem({ a: [[[]]] }, 'body', 4)).toBeUndefined();
    expect(hostileValueProblem({ a: [[[[]]]] }, 'body', 4)).toEqual({ field: 'a', problem: 'nests deeper than 4 levels' });
  });
});
