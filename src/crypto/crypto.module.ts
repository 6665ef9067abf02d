import { Global, Module } from '@nestjs/common';
import { KeyringRepository } from './keyring.repository.js';
import { CompanyKeyringService } from './keyring.service.js';
import { MasterResealers } from './master-seal.js';
import { PasswordHasher } from './password.js';

/** Per-company data keys for every module that seals fields, and the password-hash pool (DESIGN.md, Security design). */
@Global()
@Module({ providers: [CompanyKeyringService, KeyringRepository, PasswordHasher, MasterResealers], exports: [CompanyKeyringService, PasswordHasher, MasterResealers] })
export class CryptoModule {}
