import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../common/caller.js';
import type { AppConfig } from '../../config/config.js';
import { ENROL_FIRST, OpenDuringEnrolment, SecondFactorGate, STEP_UP_REQUIRED, StepUp } from './gate.js';
import type { SecondFactorRule } from './second-factor-rule.js';

// The handlers are only looked up (by their metadata), never called: `this: void` says they need no instance.
class Routes {
  @OpenDuringEnrolment()
  enrol(this: void) {}
  @StepUp()
  naw(this: void) {}
  tasks(this: void) {}
}

const contextFor = (handler: keyof Routes) => ({ getHandler: () => Routes.prototype[handler], getClass: () => Routes }) as unknown as ExecutionContext;
const config = (enforced: boolean) => ({ secondFactor: { enforced, stepUpMaxAgeSeconds: 900 } }) as AppConfig;
const rule = (required: boolean) =>
  ({ decide: async () => ({ required, decidedBy: required ? [{ policy: 'second-factor.yaml', rule: 'secretariat-must-use-second-factor', article: '21, 55, 56' }] : [] }) }) as unknown as SecondFactorRule;
const caller = (hasSecondFactor: boolean, secondFactorAt: Date | null) => ({ personId: 'p', authentication: { methods: ['password'], secondFactorAt, hasSecondFactor } }) as Caller;
const gate = (enforced: boolean, required: boolean) => new SecondFactorGate(config(enforced), new Reflector(), rule(required));
const refusal = (p: Promise<void>) => p.then(() => undefined, (e: { missing?: string[]; decidedBy?: unknown[] }) => e);

describe('the second-factor gate', () => {
  it('refuses a person who must and has none everything but the enrolment routes, naming the rule', async () => {
    const e = await refusal(gate(true, true).check(contextFor('tasks'), caller(false, null)));
    expect(e).toMatchObject({ missing: [ENROL_FIRST], decidedBy: [{ rule: 'secretariat-must-use-second-factor' }] });
    await expect(gate(true, true).check(contextFor('enrol'), caller(false, null))).resolves.toBeUndefined();
  });

  it('lets a person the rule does not name go without, and asks no step-up of someone with no factor', async () => {
    await expect(gate(true, false).check(contextFor('tasks'), caller(false, null))).resolves.toBeUndefined();
    await expect(gate(true, false).check(contextFor('naw'), caller(false, null))).resolves.toBeUndefined();
  });

  it('asks a step-up on a sensitive route when the second factor is older than the limit, or was never given', async () => {
    const fresh = new Date(Date.now() - 60_000);
    const old = new Date(Date.now() - 901_000);
    await expect(gate(true, true).check(contextFor('naw'), caller(true, fresh))).resolves.toBeUndefined();
    expect(await refusal(gate(true, true).check(contextFor('naw'), caller(true, old)))).toMatchObject({ missing: [STEP_UP_REQUIRED] });
    expect(await refusal(gate(true, true).check(contextFor('naw'), caller(true, null)))).toMatchObject({ missing: [STEP_UP_REQUIRED] });
    await expect(gate(true, true).check(contextFor('tasks'), caller(true, old))).resolves.toBeUndefined();
  });

  it('asks nothing when enforcement is off, or while set aside for the in-process demo seed', async () => {
    await expect(gate(false, true).check(contextFor('tasks'), caller(false, null))).resolves.toBeUndefined();
    const g = gate(true, true);
    await g.setAsideWhile(async () => expect(g.check(contextFor('tasks'), caller(false, null))).resolves.toBeUndefined());
    expect(await refusal(g.check(contextFor('tasks'), caller(false, null)))).toMatchObject({ missing: [ENROL_FIRST] });
  });
});
