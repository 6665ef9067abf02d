import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganisationKind } from '../common/caller.js';

/** Every query of `organisations` and `people` made for the organisations module (issue 11: SQL only in repositories). */
@Injectable()
export class OrganisationsRepository {
  /** The kind of an organisation, or null when there is none with this id. */
  async kindOf(m: EntityManager, id: string): Promise<OrganisationKind | null> {
    const [row] = await m.query<Array<{ kind: OrganisationKind }>>(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return row?.kind ?? null;
  }
}
