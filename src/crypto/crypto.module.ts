import { Global, Module } from '@nestjs/common';
import { CompanyKeyringService } from './keyring.service.js';

/** Per-company data keys for every module that seals fields (DESIGN.md, Security design). */
@Global()
@Module({ providers: [CompanyKeyringService], exports: [CompanyKeyringService] })
export class CryptoModule {}
