import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Caller } from '../../common/caller.js';
import { Conflict, InvalidInput, NotFound, Unauthenticated } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { PoliciesService } from '../../policies/policies.service.js';
import type { SignedInPerson } from '../auth.service.js';
import { SessionRepository } from '../session.repository.js';
import { SecondFactorGate } from './gate.js';
import { PasskeysService, type PasskeyDto } from './passkeys.service.js';
import { PendingSignIns } from './pending-sign-in.js';
import { SecondFactorRule } from './second-factor-rule.js';
import { type AuthMethod, SecondFactorRepository } from './second-factor.repository.js';
import { TotpService } from './totp.service.js';

export interface FactorProof {
  code?: string;
  recoveryCode?: string;
}

/** A wrong or used code, a wrong recovery code: one answer, so a guesser learns nothing about which. */
export const SECOND_FACTOR_FAILED = 'The code is not valid (wrong, expired or used before)';

const actorOf = (c: Caller) => ({ personId: c.personId, organisationId: c.organisation.id });

/**
 * The second factor (issue 17): enrolment and management of one's own factors, the second step of signing in,
 * step-up for sensitive actions, and the secretariat's reset of another person's factors. Every change is audited in
 * the transaction that makes it.
 */
@Injectable()
export class SecondFactorService {
  readonly pending: PendingSignIns;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SecondFactorRepository,
    private readonly totp: TotpService,
    private readonly passkeys: PasskeysService,
    private readonly rule: SecondFactorRule,
    private readonly gate: SecondFactorGate,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly policies: PoliciesService,
  ) {
    this.pending = new PendingSignIns(config.jwtSecret);
  }

  /** After a correct password: whether this person must give a second factor before a session is opened. */
  async needsSecondStep(personId: string): Promise<boolean> {
    return this.config.secondFactor.enforced && (await this.repo.hasFactor(this.repo.manager, personId));
  }

  async status(caller: Caller) {
    const m = this.repo.manager;
    const decision = await this.rule.decide(caller);
    const totp = await this.repo.totp(m, caller.personId);
    const auth = caller.authentication;
    const at = auth?.secondFactorAt ?? null;
    return {
      enforced: this.config.secondFactor.enforced,
      required: decision.required,
      decidedBy: decision.decidedBy,
      enrolmentRequired: this.config.secondFactor.enforced && decision.required && !auth?.hasSecondFactor,
      totp: { enrolled: Boolean(totp?.confirmed) },
      passkeys: await this.passkeys.list(m, caller.personId),
      recoveryCodesLeft: await this.repo.recoveryCodesLeft(m, caller.personId),
      session: {
        methods: auth?.methods ?? [],
        secondFactorAt: at?.toISOString() ?? null,
        stepUpValidUntil: at && this.gate.isFresh(at) ? new Date(at.getTime() + this.config.secondFactor.stepUpMaxAgeSeconds * 1000).toISOString() : null,
      },
    };
  }

  beginTotp(caller: Caller) {
    return this.repo.transaction((m) => this.totp.begin(m, { id: caller.personId, email: caller.email }));
  }

  /**
   * Confirms the app with a current code; the session counts as verified. When the person has no unused recovery
   * codes yet (a first factor), ten are returned once; codes made with an earlier factor stay valid.
   */
  async confirmTotp(caller: Caller, code: string): Promise<{ recoveryCodes?: string[] }> {
    return this.repo.transaction(async (m) => {
      if (!(await this.totp.verify(m, caller.personId, code, true))) throw this.failed('code');
      await this.repo.markSecondFactor(m, caller.sessionId, 'totp');
      const recoveryCodes = (await this.repo.recoveryCodesLeft(m, caller.personId)) === 0 ? await this.totp.newRecoveryCodes(m, caller.personId) : undefined;
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.totp-enrolled', object: { type: 'Person', id: caller.personId } });
      return recoveryCodes ? { recoveryCodes } : {};
    });
  }

  async removeTotp(caller: Caller): Promise<void> {
    await this.repo.transaction(async (m) => {
      if (!(await this.repo.totp(m, caller.personId, true))) throw new NotFound('Authenticator app');
      await this.keepOneFactor(m, caller, { totp: true });
      await this.repo.deleteTotp(m, caller.personId);
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.totp-removed', object: { type: 'Person', id: caller.personId } });
    });
  }

  async newRecoveryCodes(caller: Caller): Promise<{ recoveryCodes: string[] }> {
    return this.repo.transaction(async (m) => {
      if (!(await this.repo.hasFactor(m, caller.personId))) throw new Conflict('Set up an authenticator app or a passkey first');
      const recoveryCodes = await this.totp.newRecoveryCodes(m, caller.personId);
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.recovery-codes-renewed', object: { type: 'Person', id: caller.personId } });
      return { recoveryCodes };
    });
  }

  passkeyRegistrationOptions(caller: Caller) {
    return this.repo.transaction((m) => this.passkeys.registrationOptions(m, { id: caller.personId, email: caller.email, name: caller.name }));
  }

  /** Registers a passkey; for a first factor the session counts as verified and ten recovery codes are returned once. */
  async registerPasskey(caller: Caller, body: { challengeId: string; name: string; response: RegistrationResponseJSON }): Promise<{ passkey: PasskeyDto; recoveryCodes?: string[] }> {
    return this.repo.transaction(async (m) => {
      const first = !(await this.repo.hasFactor(m, caller.personId));
      const passkey = await this.passkeys.register(m, caller.personId, body.challengeId, body.name.trim(), body.response);
      await this.repo.markSecondFactor(m, caller.sessionId, 'passkey');
      const recoveryCodes = first || (await this.repo.recoveryCodesLeft(m, caller.personId)) === 0 ? await this.totp.newRecoveryCodes(m, caller.personId) : undefined;
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.passkey-added', object: { type: 'Passkey', id: passkey.id } });
      return { passkey, ...(recoveryCodes ? { recoveryCodes } : {}) };
    });
  }

  async renamePasskey(caller: Caller, id: string, name: string): Promise<void> {
    await this.repo.transaction(async (m) => {
      if (!(await this.repo.renamePasskey(m, caller.personId, id, name.trim()))) throw new NotFound('Passkey');
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.passkey-renamed', object: { type: 'Passkey', id } });
    });
  }

  async removePasskey(caller: Caller, id: string): Promise<void> {
    await this.repo.transaction(async (m) => {
      if (!(await this.repo.passkeys(m, caller.personId)).some((p) => p.id === id)) throw new NotFound('Passkey');
      await this.keepOneFactor(m, caller, { passkeyId: id });
      await this.repo.deletePasskey(m, caller.personId, id);
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.passkey-removed', object: { type: 'Passkey', id } });
    });
  }

  /** The second step of signing in: the pending token from the password step and a TOTP or recovery code. */
  async completeSignIn(pendingToken: unknown, proof: FactorProof, ip: string | null): Promise<{ person: SignedInPerson; method: AuthMethod }> {
    const personId = this.pending.read(pendingToken);
    if (!personId) throw new Unauthenticated('The sign-in has expired; enter your password again');
    const person = await this.repo.person(personId);
    if (!person || person.disabled) throw new Unauthenticated('The sign-in has expired; enter your password again');
    const method = await this.repo.transaction((m) => this.prove(m, personId, proof));
    if (!method) {
      await this.audit.record({ actor: null, action: 'auth.second-factor.failed', object: { type: 'Person', id: personId }, details: { ip } });
      throw this.failed(proof.recoveryCode !== undefined ? 'recoveryCode' : 'code');
    }
    return { person: { personId, organisationId: person.organisationId }, method };
  }

  /** Step-up: the caller gives a TOTP or recovery code again; the session's second factor is verified now. */
  async stepUp(caller: Caller, proof: FactorProof): Promise<void> {
    await this.repo.transaction(async (m) => {
      const method = await this.prove(m, caller.personId, proof);
      if (!method) throw this.failed(proof.recoveryCode !== undefined ? 'recoveryCode' : 'code');
      await this.repo.markSecondFactor(m, caller.sessionId, method);
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.step-up', object: { type: 'Session', id: caller.sessionId }, details: { method } });
    });
  }

  passkeyStepUpOptions(caller: Caller) {
    return this.repo.transaction((m) => this.passkeys.authenticationOptions(m, caller.personId));
  }

  async passkeyStepUp(caller: Caller, challengeId: string, response: AuthenticationResponseJSON): Promise<void> {
    await this.repo.transaction(async (m) => {
      await this.passkeys.authenticate(m, challengeId, response, caller.personId);
      await this.repo.markSecondFactor(m, caller.sessionId, 'passkey');
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'auth.second-factor.step-up', object: { type: 'Session', id: caller.sessionId }, details: { method: 'passkey' } });
    });
  }

  passkeySignInOptions() {
    return this.repo.transaction((m) => this.passkeys.authenticationOptions(m, null));
  }

  /** Sign-in with a passkey alone (user verified: two factors). */
  async passkeySignIn(challengeId: string, response: AuthenticationResponseJSON): Promise<SignedInPerson> {
    const personId = await this.repo.transaction((m) => this.passkeys.authenticate(m, challengeId, response, null));
    const person = await this.repo.person(personId);
    if (!person || person.disabled) throw new Unauthenticated('This passkey cannot sign in');
    return { personId, organisationId: person.organisationId };
  }

  /**
   * The secretariat resets another person's factors (they lost their phone): TOTP, passkeys and recovery codes go,
   * their sessions end, they are mailed; at their next sign-in they enrol anew (if the rule requires it, before
   * anything else). Audited.
   */
  async reset(caller: Caller, personId: string): Promise<{ totp: boolean; passkeys: number; recoveryCodes: number }> {
    const person = await this.repo.person(personId);
    if (!person) throw new NotFound('Person');
    await this.policies.assertCan(caller, 'reset', 'SecondFactor', { personId, organisationId: person.organisationId, accessWindows: [] });
    if (personId === caller.personId) throw new Conflict('Reset your own factors through your own factor settings, not this way');
    return this.repo.transaction(async (m) => {
      const removed = await this.repo.deleteAll(m, personId);
      const sessions = await this.sessions.revokeAllOf(m, personId);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'auth.second-factor.reset',
        object: { type: 'Person', id: personId },
        details: { ...removed, sessionsEnded: sessions },
      });
      await this.outbox.enqueue(m, { to: { email: person.email, language: person.language }, template: 'identity.second-factor-reset', params: { name: person.name } });
      return removed;
    });
  }

  private async prove(m: EntityManager, personId: string, proof: FactorProof): Promise<AuthMethod | undefined> {
    if ((proof.code === undefined) === (proof.recoveryCode === undefined)) {
      throw new InvalidInput('The request is invalid', [{ field: 'code', problem: 'give either a code from your app or a recovery code' }]);
    }
    if (proof.code !== undefined) return (await this.totp.verify(m, personId, proof.code)) ? 'totp' : undefined;
    return (await this.totp.useRecoveryCode(m, personId, proof.recoveryCode!)) ? 'recovery' : undefined;
  }

  /** A person the rule requires a factor of may not remove their last one (they would be locked out of everything). */
  private async keepOneFactor(m: EntityManager, caller: Caller, removing: { totp?: boolean; passkeyId?: string }): Promise<void> {
    if (!(await this.rule.decide(caller)).required || !this.config.secondFactor.enforced) return;
    const totp = await this.repo.totp(m, caller.personId);
    const left = (totp?.confirmed && !removing.totp ? 1 : 0) + (await this.repo.passkeys(m, caller.personId)).filter((p) => p.id !== removing.passkeyId).length;
    if (left === 0) throw new Conflict('You must keep a second factor: add another one before removing this one');
  }

  private failed(field: string): InvalidInput {
    return new InvalidInput(SECOND_FACTOR_FAILED, [{ field, problem: 'is not valid (wrong, expired or used before)' }]);
  }
}
