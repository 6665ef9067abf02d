import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Caller } from '../../src/common/caller.js';
import { CallerAbility } from '../../src/policies/ability.js';
import { PoliciesService } from '../../src/policies/policies.service.js';
import { freePort } from '../support/test-config.js';
import type { Bench } from './harness.js';

const D = 'demo.ketenkluis.test';
const DURATION_S = 8;
const CONNECTIONS = 20;

/** The baseline: a bare Nest endpoint on Fastify (no guard, no database), in the same process and run. */
@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { ok: true };
  }
}
@Module({ controllers: [BareController] })
class BareModule {}

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; workers: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations; a computed specifier keeps the compiler from asking for them.
const autocannonModule = 'autocannon';

async function load(url: string, headers: Record<string, string> = {}): Promise<{ rps: number; non2xx: number; p99: number }> {
  const autocannon = ((await import(autocannonModule)) as { default: Autocannon }).default;
  // The load generator runs in a worker thread, so it does not share the servers' event loop.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1, headers });
  return { rps: result.requests.average, non2xx: result.non2xx + result.errors, p99: result.latency.p99 };
}

/**
 * Issue 4 benchmark: (1) building a caller's CASL ability from the full policy set and checking it, per request,
 * in µs — pure, and with the caller's facts read from PostgreSQL as every request does; (2) the authorized read
 * of one monitoring result through HTTP (token → session → policy with NDA facts → query → field filter → audit
 * append) in req/s against a bare Nest endpoint on Fastify in the same run.
 */
export const benches: Bench[] = [
  {
    name: 'policies',
    async run(ctx) {
      // LOGIN_RATE_LIMIT: the harness default (100000) is above the configuration's maximum (10000).
      const app = await ctx.startApp({ env: { LOGIN_RATE_LIMIT: '10000' } });
      try {
        const policies = app.app.get(PoliciesService);
        const ngo = `mensenrechten-monitor@${D}`;
        const token = await app.login(ngo);
        const auth = { Authorization: `Bearer ${token}` };
        // The NGO (in a module) signs the art-13 NDA, so the read goes through the NDA rule and its field filter.
        const texts = (await (await fetch(`${app.url}/api/v1/ndas/texts`, { headers: auth })).json()) as Array<{ kind: string; sha256: string }>;
        const sha256 = texts.find((x) => x.kind === 'cso-monitoring')!.sha256;
        const signed = await fetch(`${app.url}/api/v1/ndas/signatures`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'cso-monitoring', sha256, signerName: 'Mira Monitor' }),
        });
        if (signed.status !== 201) throw new Error(`signing failed: ${signed.status}`);

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

        // (2) authorized read of one monitoring result vs a bare Nest endpoint, same run.
        const bare = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
        const port = await freePort();
        await bare.listen(port, '127.0.0.1');
        try {
          const baseline = await load(`http://127.0.0.1:${port}/bare`);
          ctx.report('policies: bare Nest endpoint on Fastify', baseline.rps, 'req/s');
          const url = `${app.url}/api/v1/monitoring/results/${company.id}/baseline`;
          const probe = await fetch(url, { headers: auth });
          const body = (await probe.json()) as { sections?: Array<{ reportsOn: string }> };
          if (probe.status !== 200 || body.sections?.length !== 3) throw new Error(`the CSO read is not the field-filtered one: ${probe.status}`);
          const [{ before }] = await app.db.query(`SELECT count(*)::int AS before FROM audit_log WHERE action = 'monitoring.read'`);
          const read = await load(url, auth);
          const [{ after }] = await app.db.query(`SELECT count(*)::int AS after FROM audit_log WHERE action = 'monitoring.read'`);
          if (read.non2xx > 0) throw new Error(`${read.non2xx} reads failed`);
          ctx.report('policies: authorized read of one monitoring result (token, policy + NDA, query, field filter, audit)', read.rps, 'req/s', {
            value: read.rps / baseline.rps,
            to: 'bare Nest endpoint',
          });
          ctx.report('policies: p99 latency of the authorized read', read.p99, 'ms');
          // For reading the figure: the same token and policy path without the result query and the audit append.
          const me = await load(`${app.url}/api/v1/me`, auth);
          ctx.report('policies: GET /api/v1/me (token, session, facts, policy; no audit)', me.rps, 'req/s', { value: me.rps / baseline.rps, to: 'bare Nest endpoint' });
          ctx.report('policies: audit entries appended during the read run', after - before, 'entries');
        } finally {
          await bare.close();
        }
      } finally {
        await app.close();
      }
    },
  },
];
