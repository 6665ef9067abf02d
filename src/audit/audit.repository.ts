import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditEntryDto, AuditPageDto, AuditQueryDto } from './dto/audit-query.dto.js';
import { OCCURRED_AT_SQL } from './audit-chain.js';

interface Row {
  seq: string;
  occurred_at: string;
  actor_person_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  grant_type: string | null;
  grant_id: string | null;
  details: Record<string, unknown>;
  hash: Buffer;
}

/** Every read query of `audit_log` (writes are in AuditService, verification in audit-verify.ts). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(q: AuditQueryDto): Promise<AuditPageDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.action) add('action = ?', q.action);
    if (q.objectType) add('object_type = ?', q.objectType);
    if (q.objectId) add('object_id = ?', q.objectId);
    if (q.actorOrganisationId) add('actor_organisation_id = ?', q.actorOrganisationId);
    if (q.from) add('occurred_at >= ?::timestamptz', q.from);
    if (q.to) add('occurred_at < ?::timestamptz', q.to);
    if (q.before) add('seq < ?::bigint', q.before);
    const limit = q.limit ?? 100;
    params.push(limit + 1);
    const rows = (await this.db.query(
      `SELECT seq::text, ${OCCURRED_AT_SQL} AS occurred_at, actor_person_id, actor_organisation_id, action,
              object_type, object_id, grant_type, grant_id, details, hash
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY audit_log.seq DESC LIMIT $${params.length}`,
      params,
    )) as Row[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(toDto),
      nextCursor: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }
}

function toDto(r: Row): AuditEntryDto {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    actor: r.actor_person_id || r.actor_organisation_id ? { personId: r.actor_person_id, organisationId: r.actor_organisation_id } : null,
    action: r.action,
    object: r.object_type ? { type: r.object_type, id: r.object_id ?? '' } : null,
    grant: r.grant_type ? { type: r.grant_type, id: r.grant_id ?? '' } : null,
    details: r.details,
    hash: r.hash.toString('hex'),
  };
}
