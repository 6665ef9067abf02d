import { type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller } from '../../common/caller.js';
import { NotAllowed } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SecondFactorRule } from './second-factor-rule.js';

const OPEN_DURING_ENROLMENT = 'ketenkluis:second-factor:open-during-enrolment';
const STEP_UP = 'ketenkluis:second-factor:step-up';

/** What a refused request can do about it, in `missing` (machine-readable for the web). */
export const ENROL_FIRST = 'second-factor:enrol';
export const STEP_UP_REQUIRED = 'second-factor:step-up';

/** A route a person who must enrol may still use before enrolling: the enrolment itself, `GET /me`, sign-out. */
export const OpenDuringEnrolment = () => SetMetadata(OPEN_DURING_ENROLMENT, true);

/**
 * A sensitive route (reading NAW or decrypted supplier data, exports, key operations, changing factors): a person who
 * has a second factor must have given it in this session at most STEP_UP_MAX_AGE_SECONDS ago, else 403 with
 * `missing: ['second-factor:step-up']` and the web asks for it again (`POST /api/v1/me/second-factor/step-up`).
 */
export const StepUp = () => SetMetadata(STEP_UP, true);

/**
 * Asked by the bearer authenticator on every signed-in request (issue 17), after the session check:
 * - a person the rule (`policies/second-factor.yaml`) requires a second factor of, who has none, can use only the
 *   routes open during enrolment: everything else is a 403 naming the rule, `missing: ['second-factor:enrol']`;
 * - a step-up route needs a second factor verified recently in this session.
 * Nothing is asked when SECOND_FACTOR_ENFORCEMENT=off (never in production).
 */
@Injectable()
export class SecondFactorGate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly rule: SecondFactorRule,
  ) {}

  private setAside = false;

  /**
   * Runs `work` (the demo seed acting through the API in-process, before the service listens) without the gate.
   * Nothing outside the process can reach the app meanwhile; the gate holds again when `work` ends, however it ends.
   */
  async setAsideWhile<T>(work: () => Promise<T>): Promise<T> {
    this.setAside = true;
    try {
      return await work();
    } finally {
      this.setAside = false;
    }
  }

  async check(context: ExecutionContext, caller: Caller): Promise<void> {
    const auth = caller.authentication;
    if (!this.config.secondFactor.enforced || !auth || this.setAside) return;
    const targets = [context.getHandler(), context.getClass()];
    if (!auth.hasSecondFactor) {
      if (this.reflector.getAllAndOverride<boolean>(OPEN_DURING_ENROLMENT, targets)) return;
      const decision = await this.rule.decide(caller);
      if (decision.required) {
        const first = decision.decidedBy[0];
        throw new NotAllowed(
          `A second factor is required before anything else${first ? ` (${first.policy}#${first.rule}, art. ${first.article})` : ''}: enrol an authenticator app or a passkey`,
          [ENROL_FIRST],
          decision.decidedBy,
        );
      }
      return;
    }
    if (this.reflector.getAllAndOverride<boolean>(STEP_UP, targets) && !this.isFresh(auth.secondFactorAt)) {
      throw new NotAllowed('This action needs your second factor again (step-up)', [STEP_UP_REQUIRED]);
    }
  }

  /** Whether a second factor verified at `at` is recent enough for a sensitive action. */
  isFresh(at: Date | null): boolean {
    return at !== null && Date.now() - at.getTime() <= this.config.secondFactor.stepUpMaxAgeSeconds * 1000;
  }
}
