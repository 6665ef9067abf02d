import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import passport from 'passport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStrategy } from '../src/auth/strategies.js';
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
 * or a restarted app) replaces the suite app's sign-in strategy, and it dies with it. Put the suite's back.
 * (Bearer tokens no longer go through passport, issue 18; only the sign-in does.)
 */
function restoreStrategies(app: TestApp | undefined = suiteApp) {
  if (!app) return;
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

/** The environment an operator would give the CLI for the suite's database. */
const cliEnv = (databaseUrl: string, env: Record<string, string> = {}): Record<string, string> => ({
  NODE_ENV: 'test', DATABASE_URL: databaseUrl, SEED_DEMO: 'off', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/ketenkluis-cli-test',
  // the suite app's secrets (test/support/test-config.ts)
  JWT_SECRET: 'test-jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  KETENKLUIS_MASTER_KEY: `1:${MASTER_1}`, KETENKLUIS_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
  ...env,
});

async function runCliIn(databaseUrl: string, argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: cliEnv(databaseUrl, env) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * The CLI as `npm run cli` runs it (SWC-compiled `src/cli.js` under plain node), built into a directory of this
 * suite's own rather than the shared `dist/`, which `npm start` and other suites rebuild. Its `node_modules` is a
 * link to the project's; it runs with the project as working directory (policies/).
 */
function buildCli(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketenkluis-cli-build-'));
  for (const part of ['src', 'migrations']) {
    const r = spawnSync(resolve('node_modules/.bin/swc'), [part, '-d', join(dir, part), '--strip-leading-paths', '--quiet'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`swc ${part} failed: ${r.stderr}`);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'src', 'cli.js');
}

interface CliChild {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** resolves when the process has ended: its exit code, or the signal that ended it */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the compiled CLI as a separate operating-system process against the suite's database. */
function spawnCli(cliJs: string, databaseUrl: string, argv: string[]): CliChild {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, ['--enable-source-maps', cliJs, ...argv], {
    env: { PATH: process.env.PATH ?? '', ...cliEnv(databaseUrl, { LOG_LEVEL: 'warn' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.on('exit', (code, signal) => ok({ code, signal })));
  return { child, out: () => out, err: () => err, exited };
}

/** Runs the compiled CLI to its end (at most `ms`; killed and reported otherwise). */
async function runChild(cliJs: string, databaseUrl: string, argv: string[], ms = 180_000) {
  const c = spawnCli(cliJs, databaseUrl, argv);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      c.child.kill('SIGKILL');
      fail(new Error(`cli ${argv.join(' ')} still running after ${ms} ms; stderr: ${c.err()}`));
    }, ms);
  });
  try {
    const { code } = await Promise.race([c.exited, timeout]);
    return { code, out: c.out(), err: c.err() };
  } finally {
    clearTimeout(timer);
  }
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

  it('a real crash: the CLI rotation in its own process, SIGKILLed after committed batches, loses nothing; run again it resumes and finishes', async () => {
    // Another company than the tests around it, so their key versions stay as they expect.
    const slug = 'metaalbouw-brabant';
    const ROWS = 2000;
    const [{ id: orgId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]);
    const token = await t.login(email(slug));
    const upload = await t.http().post(`/api/v1/production-locations/uploads?year=${YEAR}`).set('authorization', `Bearer ${token}`)
      .attach('file', csv(ROWS, 'Crash'), 'list.csv');
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const rowIds = async () =>
      (await t.db.query(`SELECT id FROM production_locations WHERE organisation_id = $1 ORDER BY id`, [orgId])).map((r: { id: string }) => r.id);
    const idsBefore: string[] = await rowIds();
    expect(idsBefore.length).toBeGreaterThan(ROWS); // the upload plus the demo sector's list of this company
    const orgKeyVersions = async () =>
      (await t.db.query(`SELECT version FROM company_data_keys WHERE organisation_id = $1 ORDER BY 1`, [orgId])).map((r: { version: number }) => r.version);
    const underVersion = async (v: number) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM production_locations WHERE organisation_id = $1 AND key_version = $2`, [orgId, v]))[0].n as number;

    /** One page of the company's list through the API: each entry decrypts to what was uploaded. */
    const readPage = async (page: number, pageSize: number) => {
      const res = await t.http().get(`/api/v1/production-locations?year=${YEAR}&page=${page}&pageSize=${pageSize}`).set('authorization', `Bearer ${token}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const numbers: number[] = [];
      for (const item of res.body.items) {
        expect(item.shredded).toBe(false);
        const [, n] = /^Crash Supplier (\d+) B\.V\.$/.exec(item.supplierName) ?? [];
        expect(n, item.supplierName).toBeDefined();
        expect(item.address).toBe(`Kanaalweg ${n}`);
        expect(item.volume).toBe(`${n} t`);
        numbers.push(Number(n));
      }
      return { numbers, total: res.body.total as number };
    };
    /** The whole list through the API: every entry decrypts, each uploaded supplier exactly once (none lost, none doubled). */
    const readEverything = async () => {
      const seen: number[] = [];
      for (let page = 1; ; page++) {
        const { numbers, total } = await readPage(page, 500);
        expect(total).toBe(ROWS);
        seen.push(...numbers);
        if (numbers.length === 0 || seen.length >= total) break;
      }
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    };
    /** The demo sector's entries of this company (this year) decrypt too: the rotation covers every row. */
    const demoYearReadable = async () => {
      const res = await t.http().get(`/api/v1/production-locations?year=${new Date().getUTCFullYear()}&pageSize=500`).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      for (const item of res.body.items) expect(item).toMatchObject({ shredded: false, supplierName: expect.any(String) });
    };
    await readEverything();

    // The service keeps answering reads throughout: one page at a time, paced, so this process stays free to watch
    // the child and the reads do not starve it on a machine with two cores.
    let reading = true;
    let reads = 0;
    let readerFailure: unknown;
    const reader = (async () => {
      for (let i = 0; reading; i++) {
        expect((await readPage((i % (ROWS / 100)) + 1, 100)).numbers).toHaveLength(100);
        reads++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const cliJs = buildCli();
    const buildDir = join(cliJs, '..', '..');
    try {
      // Kill the child as soon as a batch has committed. Should a loaded machine let it finish first, run a new
      // rotation with smaller batches (slower); the test requires that one run really was killed part-way.
      let crash: { target: number; moved: number; opId: string } | undefined;
      const attempts: string[] = [];
      for (let attempt = 0, batchSize = 10; attempt < 4 && !crash; attempt++, batchSize = Math.max(1, Math.floor(batchSize / 3))) {
        const [{ max: old }] = await t.db.query(`SELECT max(version)::int AS max FROM company_data_keys WHERE organisation_id = $1`, [orgId]);
        const c = spawnCli(cliJs, t.databaseUrl, ['rotate-data-key', slug, '--batch-size', String(batchSize)]);
        let ended = false;
        void c.exited.then(() => (ended = true));
        const deadline = Date.now() + 180_000;
        // Progress is read from the database: rows already committed under a newer key than before.
        while (!ended && (await underVersion(old + 1)) === 0) {
          if (Date.now() > deadline) {
            c.child.kill('SIGKILL');
            throw new Error(`no batch committed within 180 s; stderr: ${c.err()}`);
          }
          await new Promise((r) => setTimeout(r, 5));
        }
        if (!ended) c.child.kill('SIGKILL');
        const { code, signal } = await c.exited;
        const moved = await underVersion(old + 1);
        const [op] = await t.db.query(
          `SELECT id, target_version, rows_done::int AS rows_done FROM key_operations WHERE kind = 'rotate-data-key' AND organisation_id = $1 AND status = 'running'`,
          [orgId],
        );
        attempts.push(`batch size ${batchSize}: exit ${code ?? signal}, ${moved} of ${idsBefore.length} moved, operation ${op ? 'running' : 'done'}`);
        if (signal === 'SIGKILL' && op && moved > 0 && moved < idsBefore.length) {
          crash = { target: old + 1, moved, opId: op.id };
          expect(op.target_version).toBe(old + 1);
          // each batch committed its rows together with the progress counter: nothing counted that is not done
          expect(op.rows_done).toBe(moved);
        } else if (signal !== 'SIGKILL') {
          expect(code, c.err()).toBe(0); // it finished on its own before the kill: fine, try again smaller
        } else if (op) {
          // killed after the last batch but before the closing transaction: let a run finish it, then try again
          expect((await runChild(cliJs, t.databaseUrl, ['rotate-data-key', slug])).code).toBe(0);
        }
      }
      expect(crash, `the rotation was never killed part-way: ${attempts.join('; ')}`).toBeDefined();
      const { target, moved, opId } = crash!;
      // (No check of the child's own progress line: the kill follows the commit seen in the database and can land
      // before the child has written that line, so the database, above, is the proof of a mid-rotation kill.)

      // After the crash: both key versions exist, rows are split between them, none lost or doubled, all readable.
      expect(await orgKeyVersions()).toEqual([target - 1, target]);
      expect(await underVersion(target - 1)).toBe(idsBefore.length - moved);
      expect(await rowIds()).toEqual(idsBefore);
      await readEverything();
      await demoYearReadable();
      const status = await runChild(cliJs, t.databaseUrl, ['key-operations']);
      expect(status.code, status.err).toBe(0);
      expect(status.out).toContain(`rotate-data-key ${orgId} target ${target}: ${moved} done`);
      expect(status.out).toContain(opId);

      // The same command again, again as its own process: it resumes that operation and finishes.
      const resumed = await runChild(cliJs, t.databaseUrl, ['rotate-data-key', slug, '--batch-size', '500']);
      expect(resumed.code, resumed.err).toBe(0);
      expect(resumed.out).toContain('resumed an interrupted run');
      expect(resumed.out).toContain(`rotate-data-key: done, ${idsBefore.length - moved} handled in this run`);
      expect(resumed.out).toContain(`operation ${opId}, target version ${target}`);
      expect(await underVersion(target)).toBe(idsBefore.length);
      expect(await orgKeyVersions()).toEqual([target]);
      expect(await rowIds()).toEqual(idsBefore);
      const [op] = await t.db.query(`SELECT status, rows_done::int AS n FROM key_operations WHERE id = $1`, [opId]);
      expect(op).toEqual({ status: 'done', n: idsBefore.length });
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE object_type = 'KeyOperation' AND object_id = $1 ORDER BY seq`, [opId]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'keys.rotate-data-key.start', 'keys.rotate-data-key.resume', 'keys.rotate-data-key.finish',
      ]);
      expect((await runChild(cliJs, t.databaseUrl, ['key-operations'])).out).toBe('no key operation is running\n');
      await readEverything();
      await demoYearReadable();
    } finally {
      reading = false;
      readerFailure = await reader.then(() => undefined, (error: unknown) => error);
      unlinkSync(join(buildDir, 'node_modules'));
      rmSync(buildDir, { recursive: true, force: true });
    }
    if (readerFailure) throw readerFailure; // a read that failed or did not decrypt during the crash and resume
    expect(reads).toBeGreaterThan(0);
  }, 600_000);

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
      // the rotation makes its new key and re-encrypts the committed rows, then waits for the upload in flight
      // (polled, not a fixed sleep: a loaded machine may take longer than any guess)
      await expect.poll(keyVersions, { timeout: 60_000, interval: 50 }).toEqual([3, 4]);
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
    const aggregated = async () => (await t.http().get(`/api/v1/aggregated-list/preview?year=${year}`).set('authorization', `Bearer ${secretariat}`)).body.cells;
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
    // Rule changed by issue 16: a location is one supplier identity, and shredding cuts the shredded entries' link to
    // other companies' entries of the same supplier (fresh identities, no blind index left). So every cell keeps its
    // companies, and a shared supplier now counts once per side of the cut: no cell loses a location.
    const after = await aggregated();
    const key = (c: { country: string; activityType: string; region?: string | null; material?: string | null }) => `${c.country}/${c.activityType}/${c.region ?? ''}/${c.material ?? ''}`;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    const was = new Map(before.map((c: { companies: number; locations: number }) => [key(c as never), c]));
    for (const c of after) {
      const b = was.get(key(c)) as { companies: number; locations: number };
      expect(c.companies, key(c)).toBe(b.companies);
      expect(c.locations, key(c)).toBeGreaterThanOrEqual(b.locations);
    }
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
