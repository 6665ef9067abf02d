import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  // a vote whose deadline has passed (art. 49): the open rulings by their vote's deadline
  ['rulings_open_vote_due_idx', `rulings (vote_due_at) WHERE stage <> 'decided'`],
  // the matters with the Sectormodule Vergadering (art. 49): few at any time, whatever the number of rulings
  ['rulings_assembly_stage_idx', `rulings (id) WHERE stage = 'assembly'`],
  // a Kerngroep vote is only complete once the first seat (unions) has voted: the rulings with that vote
  ['ruling_votes_kerngroep_unions_idx', `ruling_votes (ruling_id) WHERE stage = 'kerngroep' AND seat = 'unions'`],
];

/**
 * Issue 18, "whatever the sector's size": the chair's fact `vote-decided` (`decidedRulingsSql` in
 * src/kerngroep/rulings.repository.ts) asked "is any vote decided?" by scanning every open ruling; it now reads three
 * partial indexes, one per way a vote is decided (deadline passed, every seat voted, every party voted).
 */
export class VoteDecidedIndexes1764000870000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await q.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
