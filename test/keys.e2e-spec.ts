import passport from 'passport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtStrategy, LocalStrategy } from '../src/auth/strategies.js';
import { runCli } from '../src/cli/run-cli.js';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { KeyOperationsService } from '../src/production-locations/key-operations.service.js';
import { ProductionLocationsService } from '../src/production-locations/production-locations.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;
const MASTER_1 = Buffer.alloc(32, 7).toString('base64'); // the test master key (test/support/test-config.ts)
const MASTER_2 = Buffer.alloc(32, 42).toString('base64');
const YEAR = 2033;

let suiteApp: TestApp | undefined;

/**
 * Passport keeps strategies in one process-wide registry: a second Nest application in this process (the CLI,
 * or a restarted app) replaces the suite app's strategies, and they die with it. Put the suite's back.
 */
function restoreStrategies(app: TestApp | undefined = suiteApp) {
  if (!app) return;
  passport.use('jwt', app.app.get(JwtStrategy));
  passport.use('local', app.app.get(LocalStrategy));
}

/** Runs the operator CLI in-process against the suite's database, as `npm run cli -- …` would. */
async function cli(databaseUrl: string, argv: string[], env: Record<string, string> = {}) {
  try {
    return await runCliIn(databaseUrl, argv, env);
  } finally {
    restoreStrategies();
  }
}

async function runCliIn(databaseUrl: string, argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {
      NODE_ENV: 'test', DATABASE_URL: databaseUrl, SEED_DEMO: 'off', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/ketenkluis-cli-test',
      // the suite app's secrets (test/support/test-config.ts)
      JWT_SECRET: 'test-jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      KETENKLUIS_MASTER_KEY: `1:${MASTER_1}`, KETENKLUIS_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
      ...env,
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function csv(n: number, tag: string): Buffer {
  const lines = ['supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume'];
  for (let i = 0; i < n; i++) lines.push(`${tag} Supplier ${i} B.V.,Kanaalweg ${i},1234 AB,Utrecht,NL,NL-UT,processing,steel,1,${i} t`);
  return Buffer.from(lines.join('\n'));
}

describe('key operations (issue 5 item 6): rotation while serving, crash and resume, shredding', () => {
  let t: TestApp;
  let company: string;
  let secretariat: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    suiteApp = t;
    company = await t.login(email('staalwerk-twente'));
    secretariat = await t.login(email('secretariaat'));
    [{ id: companyId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'staalwerk-twente'`);
    const res = await t.http().post(`/api/v1/production-locations/uploads?year=${YEAR}`).set('authorization', `Bearer ${company}`)
      .attach('file', csv(1200, 'Rotation'), 'list.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
  afterAll(() => t?.close());

  const versions = async () =>
    (await t.db.query(`SELECT key_version AS v, count(*)::int AS n FROM production_locations WHERE organisation_id = $1 GROUP BY 1 ORDER BY 1`, [companyId]))
      .map((r: { v: number; n: number }) => [r.v, r.n]);
  const keyVersions = async () =>
    (await t.db.query(`SELECT version FROM company_data_keys WHERE organisation_id = $1 ORDER BY 1`, [companyId])).map((r: { version: number }) => r.version);

  /** Reads pages of the list as the company and checks every entry decrypts. */
  async function readAll(): Promise<number> {
    let seen = 0;
    for (let page = 1; page <= 3; page++) {
      const res = await t.http().get(`/api/v1/production-locations?year=${YEAR}&page=${page}&pageSize=500`).set('authorization', `Bearer ${company}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      for (const item of res.body.items) {
        expect(item.shredded).toBe(false);
        expect(item.supplierName).toMatch(/^Rotation Supplier \d+ B\.V\.$/);
        expect(item.volume).toMatch(/ t$/);
      }
      seen += res.body.items.length;
    }
    return seen;
  }

  it('rotate-data-key re-encrypts in batches while reads continue; no read fails; the old key is deleted', async () => {
    expect(await keyVersions()).toEqual([1]);
    let running = true;
    let reads = 0;
    let sawBothVersions = false;
    const reader = (async () => {
      while (running) {
        expect(await readAll()).toBe(1200);
        reads++;
        if ((await versions()).length > 1) sawBothVersions = true;
      }
    })();
    const result = await cli(t.databaseUrl, ['rotate-data-key', 'staalwerk-twente', '--batch-size', '50']);
    running = false;
    await reader;
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('rotate-data-key: done');
    expect(reads).toBeGreaterThan(0);
    expect(sawBothVersions).toBe(true); // reads happened while both versions were in use
    expect(await versions()).toEqual([[2, (await versions())[0][1]]]);
    expect(await keyVersions()).toEqual([2]);
    expect(await readAll()).toBe(1200);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE action LIKE 'keys.%' ORDER BY seq`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['keys.rotate-data-key.start', 'keys.rotate-data-key.finish']);
  });

  it('a crash in the middle of a rotation leaves every row readable; running the command again resumes and finishes', async () => {
    const ops = t.app.get(KeyOperationsService);
    await expect(ops.rotateDataKey('staalwerk-twente', {
      batchSize: 100,
      afterBatch: (batches) => {
        if (batches === 3) throw new Error('simulated crash after 3 committed batches');
      },
    })).rejects.toThrow('simulated crash');
    const mid = await versions();
    expect(mid.length).toBe(2); // part on version 2, part already on 3
    expect(mid.find(([v]: number[]) => v === 3)[1]).toBe(300);
    expect(await keyVersions()).toEqual([2, 3]);
    expect(await readAll()).toBe(1200);
    const status = await cli(t.databaseUrl, ['key-operations']);
    expect(status.out).toMatch(/rotate-data-key .* target 3: 300 done/);

    const resumed = await cli(t.databaseUrl, ['rotate-data-key', companyId, '--batch-size', '400']);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain('resumed an interrupted run');
    expect((await versions()).map(([v]: number[]) => v)).toEqual([3]);
    expect(await keyVersions()).toEqual([3]);
    expect(await readAll()).toBe(1200);
    const [op] = await t.db.query(`SELECT status, rows_done::int AS n FROM key_operations WHERE kind = 'rotate-data-key' AND target_version = 3`);
    expect(op.status).toBe('done');
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE action LIKE 'keys.rotate-data-key.%' ORDER BY seq`);
    expect(audit.map((a: { action: string }) => a.action).slice(-3)).toEqual([
      'keys.rotate-data-key.start', 'keys.rotate-data-key.resume', 'keys.rotate-data-key.finish',
    ]);
  });

  it('an upload still writing under the old key when the rotation ends is waited for and re-encrypted, not lost', async () => {
    const service = t.app.get(ProductionLocationsService);
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // An upload in flight: it sealed its rows with the current key (version 3) and has not committed yet.
      await service.storeList(runner.manager, {
        organisationId: companyId, year: YEAR + 1, format: 'csv', uploadedBy: null,
        inputs: [{ supplierName: 'Late Mill B.V.', address: 'Laan 1', postcode: null, city: 'Ede', country: 'NL', region: null,
          activityType: 'processing', rawMaterials: ['steel'], tier: 1, volume: null, contractNotes: null }],
      });
      const rotation = t.app.get(KeyOperationsService).rotateDataKey('staalwerk-twente', { batchSize: 500 });
      await new Promise((r) => setTimeout(r, 1500)); // the rotation re-encrypts the committed rows, then waits
      expect(await keyVersions()).toEqual([3, 4]);
      await runner.commitTransaction();
      const result = await rotation;
      expect(result.finished).toBe(true);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await keyVersions()).toEqual([4]);
    expect((await versions()).map(([v]: number[]) => v)).toEqual([4]);
    const late = await t.http().get(`/api/v1/production-locations?year=${YEAR + 1}`).set('authorization', `Bearer ${company}`);
    expect(late.body.items).toMatchObject([{ supplierName: 'Late Mill B.V.', shredded: false }]);
  });

  it('rotate-master-key re-wraps every data key (resumable); the service then runs with the new master key only', async () => {
    const both = { KETENKLUIS_MASTER_KEY: `1:${MASTER_1},2:${MASTER_2}` };
    const first = await cli(t.databaseUrl, ['rotate-master-key', '--batch-size', '2', '--max-batches', '1'], both);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('run the same command again');
    const rest = await cli(t.databaseUrl, ['rotate-master-key', '--batch-size', '2'], both);
    expect(rest.code, rest.err).toBe(0);
    expect(rest.out).toContain('resumed');
    const masters = await t.db.query(`SELECT DISTINCT master_version FROM company_data_keys`);
    expect(masters).toEqual([{ master_version: 2 }]);

    const t2 = await startTestApp({ databaseUrl: t.databaseUrl, env: { KETENKLUIS_MASTER_KEY: `2:${MASTER_2}` } });
    try {
      const token = await t2.login(email('staalwerk-twente'));
      const res = await t2.http().get(`/api/v1/production-locations?year=${YEAR}&pageSize=5`).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.items[0].supplierName).toMatch(/^Rotation Supplier/);
    } finally {
      await t2.close();
      restoreStrategies();
    }
  });

  it('shred-company destroys the data keys (art. 73-77): entries read as shredded, aggregates keep counts, no new uploads', async () => {
    const year = new Date().getUTCFullYear();
    const [{ id: leaver }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
    const aggregated = async () => (await t.http().get(`/api/v1/aggregated-list?year=${year}`).set('authorization', `Bearer ${secretariat}`)).body.cells;
    const before = await aggregated();
    const matchesBefore = await t.db.query(
      `SELECT count(*)::int AS n FROM production_locations a JOIN production_locations b ON a.supplier_index = b.supplier_index AND a.organisation_id <> b.organisation_id
        WHERE a.organisation_id = $1`, [leaver]);
    expect(matchesBefore[0].n).toBeGreaterThan(0);

    expect((await cli(t.databaseUrl, ['shred-company', 'gieterij-de-hoop'])).code).toBe(2); // no --confirm
    const res = await cli(t.databaseUrl, ['shred-company', 'gieterij-de-hoop', '--confirm', 'gieterij-de-hoop']);
    expect(res.code, res.err).toBe(0);
    expect(await t.db.query(`SELECT * FROM company_data_keys WHERE organisation_id = $1`, [leaver])).toEqual([]);

    const list = await t.http().get(`/api/v1/production-locations?year=${year}&organisationId=${leaver}`).set('authorization', `Bearer ${secretariat}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(10);
    for (const item of list.body.items) {
      expect(item).toMatchObject({ shredded: true, supplierName: null, address: null, city: null, volume: null });
      expect(item.country).toMatch(/^[A-Z]{2}$/);
    }
    expect(await aggregated()).toEqual(before);
    const matchesAfter = await t.db.query(
      `SELECT count(*)::int AS n FROM production_locations a JOIN production_locations b ON a.supplier_index = b.supplier_index AND a.organisation_id <> b.organisation_id
        WHERE a.organisation_id = $1`, [leaver]);
    expect(matchesAfter[0].n).toBe(0);

    const leaverToken = await t.login(email('gieterij-de-hoop'));
    const upload = await t.http().post(`/api/v1/production-locations/uploads?year=${YEAR}`).set('authorization', `Bearer ${leaverToken}`)
      .attach('file', csv(1, 'After'), 'list.csv');
    expect(upload.status).toBe(409);
    const rotate = await cli(t.databaseUrl, ['rotate-data-key', 'gieterij-de-hoop']);
    expect(rotate.code).toBe(1);
    expect(rotate.err).toContain('shredded');
    const [entry] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'keys.shred-company.finish'`);
    expect(entry.details).toMatchObject({ organisationId: leaver, destroyedKeyVersions: [1] });
  });

  it('unknown companies and bad options are refused', async () => {
    const unknown = await cli(t.databaseUrl, ['rotate-data-key', 'no-such-company']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('not found');
    expect((await cli(t.databaseUrl, ['rotate-data-key', 'staalwerk-twente', '--batch-size', '0'])).code).toBe(2);
    expect((await cli(t.databaseUrl, ['rotate-data-key'])).code).toBe(2);
  });
});
