import { Inject, Injectable } from '@nestjs/common';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { type PasskeyRow, SecondFactorRepository } from './second-factor.repository.js';

export interface PasskeyDto {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const refused = (problem: string) => new InvalidInput('The passkey was not accepted', [{ field: 'response', problem }]);

/**
 * Passkeys (WebAuthn, issue 17 item 2) through @simplewebauthn/server. The relying party is WEBAUTHN_RP_ID /
 * WEBAUTHN_ORIGIN. Challenges are rows of `webauthn_challenges` (five minutes, used once), so a ceremony begun on one
 * instance finishes on another. User verification is required: a passkey alone then counts as two factors
 * (something the person has, unlocked by something they know or are).
 */
@Injectable()
export class PasskeysService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SecondFactorRepository,
  ) {}

  private get rp() {
    return this.config.secondFactor;
  }

  async registrationOptions(m: EntityManager, person: { id: string; email: string; name: string }) {
    const existing = await this.repo.passkeys(m, person.id);
    const options = await generateRegistrationOptions({
      rpName: this.rp.rpName,
      rpID: this.rp.rpId,
      userName: person.email,
      userDisplayName: person.name,
      userID: new TextEncoder().encode(person.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const challengeId = await this.repo.saveChallenge(m, person.id, 'register', options.challenge);
    return { challengeId, options };
  }

  async register(m: EntityManager, personId: string, challengeId: string, name: string, response: RegistrationResponseJSON): Promise<PasskeyDto> {
    const challenge = await this.repo.takeChallenge(m, challengeId, 'register', personId);
    if (!challenge) throw new InvalidInput('The request is invalid', [{ field: 'challengeId', problem: 'is unknown or has expired; start again' }]);
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.rp.origin,
      expectedRPID: this.rp.rpId,
      requireUserVerification: true,
    }).catch((e: Error) => {
      throw refused(e.message);
    });
    if (!result.verified) throw refused('could not be verified');
    const c = result.registrationInfo.credential;
    if (await this.repo.passkeyByCredential(c.id)) throw refused('is registered already');
    const id = await this.repo.addPasskey(m, personId, { credentialId: c.id, publicKey: c.publicKey, counter: c.counter, transports: c.transports ?? [], name });
    return { id, name, createdAt: new Date().toISOString(), lastUsedAt: null };
  }

  /** Options for signing in (no person yet: any discoverable passkey of this site) or for a step-up (the person's own). */
  async authenticationOptions(m: EntityManager, personId: string | null) {
    const allow = personId ? (await this.repo.passkeys(m, personId)).map((p) => ({ id: p.credentialId, transports: p.transports as never })) : undefined;
    const options = await generateAuthenticationOptions({ rpID: this.rp.rpId, userVerification: 'required', ...(allow ? { allowCredentials: allow } : {}) });
    const challengeId = await this.repo.saveChallenge(m, personId, personId ? 'step-up' : 'sign-in', options.challenge);
    return { challengeId, options };
  }

  /**
   * Verifies an assertion: the challenge (once), the signature with the stored public key, user verification, a
   * signature counter that moved on. Returns the person; `expectedPerson` (step-up) must own the passkey.
   */
  async authenticate(m: EntityManager, challengeId: string, response: AuthenticationResponseJSON, expectedPerson: string | null): Promise<string> {
    const challenge = await this.repo.takeChallenge(m, challengeId, expectedPerson ? 'step-up' : 'sign-in', expectedPerson);
    if (!challenge) throw new InvalidInput('The request is invalid', [{ field: 'challengeId', problem: 'is unknown or has expired; start again' }]);
    const stored = typeof response?.id === 'string' ? await this.repo.passkeyByCredential(response.id) : undefined;
    if (!stored || (expectedPerson && stored.personId !== expectedPerson)) throw refused('is not a passkey registered here');
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.rp.origin,
      expectedRPID: this.rp.rpId,
      credential: { id: stored.credentialId, publicKey: stored.publicKey as never, counter: stored.counter, transports: stored.transports as never },
      requireUserVerification: true,
    }).catch((e: Error) => {
      throw refused(e.message);
    });
    if (!result.verified || !result.authenticationInfo.userVerified) throw refused('did not verify the user');
    if (!(await this.repo.usePasskey(m, stored.id, result.authenticationInfo.newCounter))) throw refused('has a signature counter that went back (a cloned authenticator?)');
    return stored.personId;
  }

  async list(m: EntityManager, personId: string): Promise<PasskeyDto[]> {
    return (await this.repo.passkeys(m, personId)).map(toDto);
  }
}

const toDto = (p: PasskeyRow): PasskeyDto => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt });
