import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SealedFields, SealedRow } from './location-fields.js';

/**
 * The queries of `production_locations` that the key operations make (issue 5, item 6; issue 16): the sealed
 * columns re-encrypted under a company's new data key, and what links a shredded company to its suppliers
 * overwritten. Apart from ProductionLocationRepository because they work on a company's ciphertexts as a whole,
 * never on a list or an entry a caller asked for.
 */
@Injectable()
export class LocationKeysRepository {
  /** Up to `limit` rows of the company still sealed with a version below `version`, locked FOR UPDATE. */
  async sealedBelow(m: EntityManager, organisationId: string, version: number, limit: number): Promise<SealedRow[]> {
    return m.query<SealedRow[]>(
      `SELECT id, organisation_id, supplier_name, address, postcode, city, volume, contract_notes, os_id
         FROM production_locations WHERE organisation_id = $1 AND key_version < $2
        ORDER BY id LIMIT $3 FOR UPDATE`,
      [organisationId, version, limit],
    );
  }

  async countSealedBelow(m: EntityManager, organisationId: string, version: number): Promise<number> {
    const [{ left }] = await m.query<Array<{ left: number }>>(
      `SELECT count(*)::int AS left FROM production_locations WHERE organisation_id = $1 AND key_version < $2`,
      [organisationId, version],
    );
    return left;
  }

  /** Writes the re-sealed columns of these rows (in the order of `ids`) and their new key version. */
  async resealed(m: EntityManager, version: number, ids: string[], sealed: readonly SealedFields[]): Promise<void> {
    await m.query(
      `UPDATE production_locations p
          SET supplier_name = u.name, address = u.address, postcode = u.postcode, city = u.city,
              volume = u.volume, contract_notes = u.notes, os_id = u.os_id, key_version = $1
         FROM unnest($2::uuid[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[], $8::bytea[], $9::bytea[])
           AS u(id, name, address, postcode, city, volume, notes, os_id)
        WHERE p.id = u.id`,
      [
        version,
        ids,
        sealed.map((x) => x.supplier_name),
        sealed.map((x) => x.address),
        sealed.map((x) => x.postcode),
        sealed.map((x) => x.city),
        sealed.map((x) => x.volume),
        sealed.map((x) => x.contract_notes),
        sealed.map((x) => x.os_id),
      ],
    );
  }

  /**
   * Issue 16: a shredded company's blind index is overwritten with random bytes, and its fuzzy indexes, OS ID index
   * and supplier identity go too, so nothing links it to its former suppliers any more. The number of rows.
   */
  async unlinkAll(m: EntityManager, organisationId: string): Promise<number> {
    const [{ n }] = await m.query<Array<{ n: number }>>(
      `WITH u AS (UPDATE production_locations SET supplier_index = decode(md5(random()::text || id::text), 'hex'),
                          os_id_index = NULL, supplier_id = gen_random_uuid(), mk_name = NULL, mk_phonetic = NULL,
                          mk_city_prefix = NULL, mk_number_postcode = NULL, mk_street_number = NULL, mk_city_number = NULL
                   WHERE organisation_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
      [organisationId],
    );
    return n;
  }
}
