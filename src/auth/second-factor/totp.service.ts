import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MasterResealers, openWithMaster, sealWithMaster } from '../../crypto/master-seal.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { SecondFactorRepository } from './second-factor.repository.js';
import { acceptedStep, newTotpSecret, qrDataUrl, totpUri } from './totp.js';

const PURPOSE = 'totp-secret';
const RESEAL_BATCH = 500;

/**
 * A person's TOTP app and recovery codes (issue 17, items 1 and 4). The secret is sealed with the master keyring
 * (`src/crypto/master-seal.ts`) and re-sealed by `rotate-master-key`; recovery codes are kept as keyed hashes.
 */
@Injectable()
export class TotpService implements OnModuleInit {
  private readonly codeKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SecondFactorRepository,
    private readonly resealers: MasterResealers,
  ) {
    this.codeKey = createHash('sha256').update(`ketenkluis:recovery-codes:${config.jwtSecret}`).digest();
  }

  onModuleInit(): void {
    this.resealers.register('totpSecrets', (current) => this.resealAll(current));
  }

  /** A new secret for the person (not in use until confirmed): the secret, its otpauth URI and the QR code, shown once. */
  async begin(m: EntityManager, person: { id: string; email: string }): Promise<{ secret: string; otpauthUri: string; qrCode: string }> {
    const secret = newTotpSecret();
    const sealed = sealWithMaster(this.config.masterKeyring, PURPOSE, person.id, new TextEncoder().encode(secret));
    if (!(await this.repo.putUnconfirmedTotp(m, person.id, sealed.sealed, sealed.masterVersion))) {
      throw new Conflict('An authenticator app is already set up; remove it first to set up another');
    }
    const otpauthUri = totpUri(secret, person.email, this.config.secondFactor.rpName);
    return { secret, otpauthUri, qrCode: await qrDataUrl(otpauthUri) };
  }

  /**
   * Checks a code against the person's secret (confirmed, or the unconfirmed one when `confirming`) and stores its
   * step as the last accepted one; false for a wrong code, a code of an accepted step (replay), or no secret.
   */
  async verify(m: EntityManager, personId: string, code: string, confirming = false): Promise<boolean> {
    const row = await this.repo.totp(m, personId);
    if (!row || row.confirmed === confirming) return false;
    const secret = new TextDecoder().decode(openWithMaster(this.config.masterKeyring, PURPOSE, personId, row));
    const step = await acceptedStep(secret, code.trim(), row.lastStep);
    return step !== undefined && (await this.repo.acceptStep(m, personId, step, confirming));
  }

  /** Ten new recovery codes (the old ones stop working); the codes are returned once and stored hashed. */
  async newRecoveryCodes(m: EntityManager, personId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.repo.replaceRecoveryCodes(m, personId, codes.map((c) => hashRecoveryCode(this.codeKey, personId, c)));
    return codes;
  }

  useRecoveryCode(m: EntityManager, personId: string, code: string): Promise<boolean> {
    return this.repo.useRecoveryCode(m, personId, hashRecoveryCode(this.codeKey, personId, code));
  }

  /** Re-seals every TOTP secret under an older master version, in batches of its own transactions. */
  async resealAll(current: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.repo.transaction(async (m) => {
        const rows = await this.repo.totpToReseal(m, current, RESEAL_BATCH);
        for (const r of rows) {
          const plain = openWithMaster(this.config.masterKeyring, PURPOSE, r.personId, r);
          const sealed = sealWithMaster(this.config.masterKeyring, PURPOSE, r.personId, plain);
          await this.repo.resealTotp(m, r.personId, sealed.sealed, sealed.masterVersion);
        }
        return rows.length;
      });
      total += n;
      if (n < RESEAL_BATCH) return total;
    }
  }
}
