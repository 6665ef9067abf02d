import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Caller } from '../../src/common/caller.js';
import { CallerAbility } from '../../src/policies/ability.js';
import { PoliciesService } from '../../src/policies/policies.service.js';
import type { Bench, BenchApp, BenchContext } from './harness.js';
import { type SentStatement, statementsDuring } from '../support/statements.js';

const D = 'demo.ketenkluis.test';
const DURATION_S = 6;
/** issue 18: the targets are stated at 50 connections */
const CONNECTIONS = 50;

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; workers: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations; a computed specifier keeps the compiler from asking for them.
const autocannonModule = 'autocannon';

export interface Load {
  rps: number;
  non2xx: number;
  p99: number;
}

export async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const autocannon = ((await import(autocannonModule)) as { default: Autocannon }).default;
  // The load generator runs in a worker thread, so it does not share the servers' event loop.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1, headers });
  return { rps: result.requests.average, non2xx: result.non2xx + result.errors, p99: result.latency.p99 };
}

/**
 * The baseline, a bare Nest endpoint on Fastify, started in a process of its own (bare-server.ts): passport keeps one
 * global strategy registry, so a second Nest app in this process would change how the real app authenticates.
 */
export async function startBareServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const script = fileURLToPath(new URL('./bare-server.js', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^port (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}/bare`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface HotReads {
  monitoring: string;
  caseRead: string;
  disclosed: string;
  /** bearer headers: the NGO (monitoring, /me) and the art-22 requester (case, disclosed locations) */
  ngo: Record<string, string>;
  requester: Record<string, string>;
}

/**
 * Brings a `demo-cases` database to the four hot reads of issue 18: the NGO signs the art-13 NDA (the monitoring read
 * goes through the NDA rule and its field filter); the three companies of demo case 1 consent, the secretariat closes
 * the consent round, Kivu Mining Watch signs the art-22 clause and opens access (the disclosed-locations read).
 */
export async function prepareHotReads(app: BenchApp): Promise<HotReads> {
  const api = async (token: string, method: 'GET' | 'POST', path: string, body?: unknown, expect = method === 'GET' ? 200 : 201) => {
    const res = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const sign = async (token: string, kind: string, signerName: string) => {
    const texts = (await api(token, 'GET', '/ndas/texts')) as unknown as Array<{ kind: string; sha256: string }>;
    await api(token, 'POST', '/ndas/signatures', { kind, sha256: texts.find((x) => x.kind === kind)!.sha256, signerName });
  };
  const ngo = await app.login(`mensenrechten-monitor@${D}`);
  await sign(ngo, 'cso-monitoring', 'Mira Monitor');
  const kivu = await app.login(`kivu-mining-watch@${D}`);
  const cases = (await api(kivu, 'GET', '/cases')) as { items: Array<{ id: string }> };
  const caseId = cases.items[0]!.id;
  for (const company of ['staalwerk-twente', 'gieterij-de-hoop', 'precisie-delft']) {
    await api(await app.login(`${company}@${D}`), 'POST', `/cases/${caseId}/consents`, { decision: 'approve' });
  }
  // with every company's consent the round closes by itself (awaiting_access); otherwise the secretariat closes it
  if ((await api(kivu, 'GET', `/cases/${caseId}`)).state === 'awaiting_consent') {
    await api(await app.login(`secretariaat@${D}`), 'POST', `/cases/${caseId}/transitions`, { action: 'close-consent' }, 200);
  }
  await sign(kivu, 'disclosure', 'Amani Kivu');
  await api(kivu, 'POST', `/cases/${caseId}/transitions`, { action: 'open-access' }, 200);
  const [company] = await app.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
  return {
    monitoring: `${app.url}/api/v1/monitoring/results/${company.id}/baseline`,
    caseRead: `${app.url}/api/v1/cases/${caseId}`,
    disclosed: `${app.url}/api/v1/cases/${caseId}/disclosed-locations`,
    ngo: { Authorization: `Bearer ${ngo}` },
    requester: { Authorization: `Bearer ${kivu}` },
  };
}

/** A 200 answer to a GET of `url`, read to its end. */
async function fetchOk(url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** SQL statements one request sends before it answers, counted at the pg driver (the audit entry's batch included). */
export async function statementsOf(url: string, headers: Record<string, string>): Promise<number> {
  // BENCH_PRINT_STATEMENTS=1: each statement's first line, to see what a read sends
  const print = process.env.BENCH_PRINT_STATEMENTS
    ? (s: SentStatement, n: number) => console.error(`#   ${n}. ${s.name ? `[${s.name}] ` : ''}${s.text.replace(/\s+/g, ' ').slice(0, 160)}`)
    : undefined;
  return (await statementsDuring(() => fetchOk(url, headers), print)).statements.length;
}

/**
 * Grows the sector to `cases` cases and `rulings` rulings (copies of the demo cases, so every requester's grants grow
 * with them) and analyses the tables, as issue 18's "whatever the sector's size" asks.
 */
export async function growSector(app: BenchApp, cases: number, rulings: number): Promise<{ cases: number; rulings: number }> {
  await app.db.query(
    `WITH t AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, c.* FROM cases c WHERE NOT (c.grounds LIKE 'bench copy%')),
          n AS (SELECT count(*) AS n FROM t)
     INSERT INTO cases (type, state, requester_organisation_id, requested_by, on_behalf_of, sponsor_organisation_id,
                        sponsor_constituency, subject_organisation_id, grounds, scope)
     SELECT t.type, t.state, t.requester_organisation_id, t.requested_by, t.on_behalf_of, t.sponsor_organisation_id,
            t.sponsor_constituency, t.subject_organisation_id, 'bench copy ' || g, t.scope
       FROM generate_series(1, $1::int - (SELECT count(*) FROM cases)::int) g, n, t WHERE t.i = g % n.n`,
    [cases],
  );
  await app.db.query(
    // each with the seats in force, as RulingsRepository.insert opens one (the Kerngroep grants are read from them)
    `WITH r AS (INSERT INTO rulings (case_id) SELECT c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM rulings r WHERE r.case_id = c.id)
                  ORDER BY c.id LIMIT greatest(0, $1::int - (SELECT count(*) FROM rulings)::int) RETURNING id)
     INSERT INTO ruling_seats (ruling_id, constituency, organisation_id, fixed_person_id, deputy_person_id)
     SELECT r.id, ks.constituency, ks.organisation_id, ks.fixed_person_id, ks.deputy_person_id FROM r, kerngroep_seats ks`,
    [rulings],
  );
  await app.db.query(`ANALYZE cases; ANALYZE rulings; ANALYZE ruling_seats`);
  const [n] = await app.db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM rulings)::int AS rulings`);
  return n as { cases: number; rulings: number };
}

/** The named (prepared) statements one request sends, with their values, captured at the pg driver. */
export async function preparedStatementsOf(url: string, headers: Record<string, string>): Promise<Array<{ name: string; text: string; values: unknown[] }>> {
  const { statements } = await statementsDuring(() => fetchOk(url, headers));
  return statements.flatMap((s) => (s.name && s.text ? [{ name: s.name, text: s.text, values: s.values }] : []));
}

/** The tables that grow with the sector: no hot read's session statement may scan one from end to end. */
const SECTOR_TABLES = ['cases', 'rulings', 'ruling_seats', 'case_consents', 'case_brokered_companies', 'case_entries'];

/** Every plan node of an `EXPLAIN (FORMAT JSON)` plan, depth first. */
function planNodes(plan: Record<string, unknown>): Array<Record<string, unknown>> {
  const children = (plan.Plans as Array<Record<string, unknown>> | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

/** Rounds of the paired sector-size bench. */
const SECTOR_ROUNDS = 3;

/** Each hot read's URL and the bearer header of who reads it. */
export function hotReadTargets(reads: HotReads): Record<HotRead, [string, Record<string, string>]> {
  return {
    monitoring: [reads.monitoring, reads.ngo],
    me: [reads.monitoring.replace(/\/monitoring\/.*$/, '/me'), reads.ngo],
    case: [reads.caseRead, reads.requester],
    disclosed: [reads.disclosed, reads.requester],
  };
}

export const HOT_READ_NAMES = {
  monitoring: 'authorized read of one monitoring result (token, session + facts, policy + NDA, query, field filter, audit)',
  me: 'GET /api/v1/me (token, session + facts, policy; no audit)',
  case: 'GET /api/v1/cases/:id by the requester (policy, case read, audit)',
  disclosed: 'GET /api/v1/cases/:id/disclosed-locations (NDA + grant, decrypt, audit)',
} as const;
type HotRead = keyof typeof HOT_READ_NAMES;

/**
 * The four hot reads under load, each checked to answer 200 throughout and reported right after its run (so the
 * load average printed beside it is the one of its run). Each is paired with a run of the bare endpoint just before
 * it (the machine is shared: a baseline from another moment would make the ratio noise); returns the figures.
 */
export async function loadHotReads(ctx: BenchContext, prefix: string, reads: HotReads, bareUrl: string): Promise<Record<HotRead, Load>> {
  const me = reads.monitoring.replace(/\/monitoring\/.*$/, '/me');
  const targets: Record<HotRead, [string, Record<string, string>]> = {
    monitoring: [reads.monitoring, reads.ngo],
    me: [me, reads.ngo],
    case: [reads.caseRead, reads.requester],
    disclosed: [reads.disclosed, reads.requester],
  };
  const out = {} as Record<HotRead, Load>;
  for (const key of Object.keys(HOT_READ_NAMES) as HotRead[]) {
    const [url, headers] = targets[key];
    const probe = await fetch(url, { headers });
    if (probe.status !== 200) throw new Error(`${url}: ${probe.status} ${await probe.text()}`);
    ctx.report(`${prefix}: SQL statements of one ${key} read (at the pg driver, audit included)`, await statementsOf(url, headers), 'statements');
    const baseline = await load(bareUrl);
    ctx.report(`${prefix}: bare Nest endpoint on Fastify (own process), paired with the next`, baseline.rps, 'req/s');
    const f = await load(url, headers);
    if (f.non2xx > 0) throw new Error(`${url}: ${f.non2xx} of the reads failed`);
    ctx.report(`${prefix}: ${HOT_READ_NAMES[key]}`, f.rps, 'req/s', { value: f.rps / baseline.rps, to: 'the bare endpoint just before (target ≥ 0.12)' });
    ctx.report(`${prefix}: p99 latency of the same (${CONNECTIONS} connections)`, f.p99, 'ms');
    out[key] = f;
  }
  return out;
}

export const benches: Bench[] = [
  {
    name: 'policies',
    async run(ctx) {
      // LOGIN_RATE_LIMIT: the harness default (100000) is above the configuration's maximum (10000). SCHEDULER off: the
      // test configuration polls the deadlines every 100 ms (production: 5 s), which at 10,000 cases competes with the reads.
      const app = await ctx.startApp({ database: 'demo-cases', env: { LOGIN_RATE_LIMIT: '10000', SCHEDULER: 'off' } });
      try {
        const policies = app.app.get(PoliciesService);
        const ngo = `mensenrechten-monitor@${D}`;
        // The NGO signs the art-13 NDA and demo case 1 reaches open access (the hot reads of part 2).
        const reads = await prepareHotReads(app);

        // (1) ability build + check, with the full policy set.
        const [row] = await app.db.query(
          `SELECT p.id AS "personId", o.id AS "orgId" FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.email = $1`,
          [ngo],
        );
        const [company] = await app.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
        const caller = (): Caller => ({
          personId: row.personId, sessionId: 's', email: ngo, name: 'Mira', language: 'nl', roles: ['member', 'org_admin'],
          isKerngroepChair: false, kerngroepSeat: null,
          organisation: { id: row.orgId, slug: 'mensenrechten-monitor', name: 'M', kind: 'ngo', isParty: true, constituency: 'ngos', affiliatedTo: null },
        });
        const facts = await policies.factsFor(caller());
        const record = { id: 'r', companyId: company.id, round: 'baseline' };
        const rules = policies.policies.reduce((n, p) => n + p.rules.length, 0);
        let sink = 0;
        const n = 20_000;
        for (let i = 0; i < 2_000; i++) sink += new CallerAbility(caller(), facts, policies.policies).permittedFields('read', 'MonitoringResult', record).length;
        let t0 = process.hrtime.bigint();
        for (let i = 0; i < n; i++) {
          const a = new CallerAbility(caller(), facts, policies.policies);
          if (a.canEver('read', 'MonitoringResult') && a.can('read', 'MonitoringResult', record)) sink += a.permittedFields('read', 'MonitoringResult', record).length;
        }
        const pure = Number(process.hrtime.bigint() - t0) / 1e3 / n;
        ctx.report(`policies: ability build + check (${policies.policies.length} files, ${rules} rules, pure)`, pure, 'µs/request');
        const m = 2_000;
        t0 = process.hrtime.bigint();
        for (let i = 0; i < m; i++) {
          const a = await policies.abilityFor(caller());
          if (a.can('read', 'MonitoringResult', record)) sink++;
        }
        const withFacts = Number(process.hrtime.bigint() - t0) / 1e3 / m;
        ctx.report('policies: ability build + check incl. facts from PostgreSQL', withFacts, 'µs/request', { value: withFacts / pure, to: 'pure build + check' });
        if (sink === 0) throw new Error('nothing was allowed');

        // (2) the four hot reads of issue 18 vs a bare Nest endpoint in a process of its own, same run.
        const bare = await startBareServer();
        try {
          const [{ before }] = await app.db.query(`SELECT count(*)::int AS before FROM audit_log WHERE action = 'monitoring.read'`);
          const figures = await loadHotReads(ctx, 'policies', reads, bare.url);
          const [{ after }] = await app.db.query(`SELECT count(*)::int AS after FROM audit_log WHERE action = 'monitoring.read'`);
          ctx.report('policies: audit entries appended during the monitoring-read run', after - before, 'entries');
          if (after - before < figures.monitoring.rps * DURATION_S * 0.9) throw new Error('reads went unaudited');
        } finally {
          await bare.stop();
        }
      } finally {
        await app.close();
      }
    },
  },
  {
    name: 'policies-statements',
    async run(ctx) {
      // The SQL statements of each hot read (deterministic; BENCH_PRINT_STATEMENTS=1 prints each one's first line).
      const app = await ctx.startApp({ database: 'demo-cases', env: { LOGIN_RATE_LIMIT: '10000', SCHEDULER: 'off' } });
      try {
        const targets = hotReadTargets(await prepareHotReads(app));
        for (const key of Object.keys(HOT_READ_NAMES) as HotRead[]) {
          const [url, headers] = targets[key];
          await statementsOf(url, headers); // the first read prepares the statements
          if (process.env.BENCH_PRINT_STATEMENTS) console.error(`# ${key}:`);
          ctx.report(`statements: SQL statements of one ${key} read (at the pg driver, audit included)`, await statementsOf(url, headers), 'statements');
        }
      } finally {
        await app.close();
      }
    },
  },
  {
    name: 'policies-sector-size',
    async run(ctx) {
      // Issue 18, "whatever the sector's size": the same four reads with 100 cases and then with 10,000 cases and
      // 2,000 rulings in the database (copies of the demo cases, so every requester's grants grow with them).
      const app = await ctx.startApp({ database: 'demo-cases', env: { LOGIN_RATE_LIMIT: '10000', SCHEDULER: 'off' } });
      try {
        const reads = await prepareHotReads(app);
        const grow = (cases: number, rulings: number) => growSector(app, cases, rulings);
        const bare = await startBareServer();
        try {
          const small = await grow(100, 20);
          const before = await loadHotReads(ctx, `sector of ${small.cases} cases, ${small.rulings} rulings`, reads, bare.url);
          const big = await grow(10_000, 2_000);
          const after = await loadHotReads(ctx, `sector of ${big.cases} cases, ${big.rulings} rulings`, reads, bare.url);
          for (const key of Object.keys(HOT_READ_NAMES) as HotRead[]) {
            ctx.report(`sector size: ${HOT_READ_NAMES[key]} with ${big.cases} cases`, after[key].rps, 'req/s', {
              value: after[key].rps / before[key].rps,
              to: `the same with ${small.cases} cases (target ≥ 0.9)`,
            });
          }
        } finally {
          await bare.stop();
        }
      } finally {
        await app.close();
      }
    },
  },
  {
    name: 'policies-sector-paired',
    async run(ctx) {
      // The same comparison as policies-sector-size, for a machine shared with other work (its load moves the figures
      // more than the sector's size does): rounds of the four reads at 100 cases and at 10,000 cases / 2,000 rulings
      // back to back (the order alternating per round; the copies deleted and vacuumed between), the ratio of each
      // pair, and their median.
      const app = await ctx.startApp({ database: 'demo-cases', env: { LOGIN_RATE_LIMIT: '10000', SCHEDULER: 'off' } });
      try {
        const reads = await prepareHotReads(app);
        const small = await growSector(app, 100, 20);
        const keep = await app.db.query(`SELECT (SELECT array_agg(id) FROM cases) AS cases, (SELECT array_agg(id) FROM rulings) AS rulings`);
        const shrink = async () => {
          await app.db.query(`DELETE FROM ruling_seats WHERE ruling_id <> ALL($1::uuid[])`, [keep[0].rulings]);
          await app.db.query(`DELETE FROM rulings WHERE id <> ALL($1::uuid[])`, [keep[0].rulings]);
          await app.db.query(`DELETE FROM cases WHERE id <> ALL($1::uuid[])`, [keep[0].cases]);
          await app.db.query(`VACUUM ANALYZE cases, rulings, ruling_seats`);
        };
        const urls = hotReadTargets(reads);
        const ratios = Object.fromEntries(Object.keys(HOT_READ_NAMES).map((k) => [k, [] as number[]])) as Record<HotRead, number[]>;
        let big = small;
        for (let round = 0; round < SECTOR_ROUNDS; round++) {
          const measure = async (label: string) => {
            const out = {} as Record<HotRead, number>;
            for (const key of Object.keys(HOT_READ_NAMES) as HotRead[]) {
              const [url, headers] = urls[key];
              const f = await load(url, headers);
              if (f.non2xx > 0) throw new Error(`${url}: ${f.non2xx} of the reads failed`);
              ctx.report(`sector paired, round ${round + 1}, ${label}: ${key}`, f.rps, 'req/s');
              out[key] = f.rps;
            }
            return out;
          };
          const runSmall = async () => {
            if (big.cases !== small.cases) await shrink();
            big = small;
            return measure(`${small.cases} cases`);
          };
          const runBig = async () => {
            big = await growSector(app, 10_000, 2_000);
            return measure(`${big.cases} cases, ${big.rulings} rulings`);
          };
          const [a, b] = round % 2 === 0 ? [await runSmall(), await runBig()] : [undefined, await runBig()];
          const smallFigures = a ?? (await runSmall());
          for (const key of Object.keys(HOT_READ_NAMES) as HotRead[]) ratios[key].push(b[key] / smallFigures[key]);
        }
        const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
        for (const key of Object.keys(HOT_READ_NAMES) as HotRead[]) {
          ctx.report(`sector size (paired rounds: ${ratios[key].map((r) => r.toFixed(2)).join(', ')}): ${HOT_READ_NAMES[key]} with 10000 cases`, median(ratios[key]), 'median ratio', {
            value: median(ratios[key]),
            to: `the same with ${small.cases} cases, measured back to back (target ≥ 0.9)`,
          });
        }
      } finally {
        await app.close();
      }
    },
  },
  {
    name: 'policies-sector-explain',
    async run(ctx) {
      // Issue 18: at 10,000 cases / 2,000 rulings, the plan of each hot read's session-and-facts statement (as its
      // pooled connection runs it: generic, and as a custom plan), counting the sequential scans of the tables that
      // grow with the sector. Each "holds it anywhere" probe must be an index lookup whatever the sector's size.
      const app = await ctx.startApp({ database: 'demo-cases', env: { LOGIN_RATE_LIMIT: '10000', SCHEDULER: 'off' } });
      const client = new pg.Client({ connectionString: app.databaseUrl });
      try {
        const reads = await prepareHotReads(app);
        const size = await growSector(app, 10_000, 2_000);
        await client.connect();
        const targets = hotReadTargets(reads);
        // and /me as the Kerngroep chair: the one caller a rule using the vote-decided fact applies to
        const chair = { Authorization: `Bearer ${await app.login(`voorzitter@${D}`)}` };
        const explained: Record<string, [string, Record<string, string>]> = { ...targets, 'me as the chair': [targets.me[0], chair] };
        for (const key of Object.keys(explained)) {
          const [url, headers] = explained[key]!;
          const session = (await preparedStatementsOf(url, headers)).find((q) => q.text.startsWith('WITH c AS'));
          if (!session) throw new Error(`${key}: no session statement seen`);
          const literal = (v: unknown) => client.escapeLiteral(Array.isArray(v) ? `{${v.join(',')}}` : String(v));
          await client.query(`DEALLOCATE ALL`);
          await client.query(`PREPARE kk_explain AS ${session.text}`);
          for (const mode of ['force_generic_plan', 'force_custom_plan'] as const) {
            await client.query(`SET plan_cache_mode = ${mode}`);
            const [{ 'QUERY PLAN': [plan] }] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE kk_explain(${session.values.map(literal).join(', ')})`)).rows;
            const dump = process.env.BENCH_EXPLAIN_PLANS; // a directory: the plans in full, as text
            if (dump) {
              const text = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE kk_explain(${session.values.map(literal).join(', ')})`)).rows;
              writeFileSync(join(dump, `${key}-${mode}.txt`), text.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n') + '\n');
            }
            const nodes = planNodes(plan.Plan);
            // a node that never ran (e.g. a fact subquery for callers its rules do not describe) is listed, not counted
            const all = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && SECTOR_TABLES.includes(n['Relation Name'] as string));
            const seq = all.filter((n) => Number(n['Actual Loops']) > 0);
            for (const n of all) console.error(`#   ${key} (${mode}): Seq Scan on ${n['Relation Name']}, ${n['Actual Rows']} rows × ${n['Actual Loops']} loops, filter ${n.Filter ?? '-'}`);
            ctx.report(`sector of ${size.cases} cases, ${size.rulings} rulings: ${key} session statement (${mode.replace('force_', '').replace('_plan', '')} plan), sequential scans of sector tables run`, seq.length, 'scans');
            ctx.report(`sector of ${size.cases} cases, ${size.rulings} rulings: ${key} session statement (${mode.replace('force_', '').replace('_plan', '')} plan), execution`, plan['Execution Time'] as number, 'ms');
          }
        }
      } finally {
        await client.end().catch(() => undefined);
        await app.close();
      }
    },
  },
];
