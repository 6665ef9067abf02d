export { AuditService } from './audit.service.js';
export { actorOf, type AuditEntryInput } from './audit.types.js';
export { canonicalJson } from './audit-chain.js';
