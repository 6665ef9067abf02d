import { Global, Module } from '@nestjs/common';
import { CompanyKeyringService } from './keyring.service.js';
import { PasswordHasher } from './password.js';

/** Per-company data keys for every module that seals fields, and the password-hash pool (DESIGN.md, Security design). */
@Global()
@Module({ providers: [CompanyKeyringService, PasswordHasher], exports: [CompanyKeyringService, PasswordHasher] })
export class CryptoModule {}
