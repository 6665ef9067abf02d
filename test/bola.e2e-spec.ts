import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../src/database/seed/demo-sector.data.js';
import { inBatches } from './support/policy-matrix.js';
import { type AppRoute, appRoutes } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * BOLA probe (issue 4, "Tests that must exist"): for every route of the app that takes an id — enumerated from
 * the running app, so routes other areas add later are probed too — every demo caller tries the ids of objects
 * of OTHER organisations (every table with a uuid `id` and a foreign key to organisations, found from the
 * catalogue). Outside the secretariat (art. 55-56), nobody may get a 2xx for another organisation's object,
 * except where the agreement opens it, listed below with the article.
 */
interface Owned {
  table: string;
  id: string;
  owners: string[];
}
interface Caller {
  email: string;
  organisationId: string;
  kind: string;
  token: string;
  kerngroep: boolean;
  /** art. 13: a CSO party in a module with an active monitoring NDA */
  csoUnderNda: boolean;
}

/** Cross-organisation access the agreement allows to a caller who is not the secretariat. */
const OPEN_ACROSS_ORGANISATIONS: Array<{ route: RegExp; article: string; allows: (c: Caller, o: Owned) => boolean }> = [
  // API.md: every signed-in person sees the register of parties and supporters (art. 40).
  { route: /^GET \/api\/v1\/organisations\/:id$/, article: '40', allows: (_c, o) => o.table === 'organisations' },
  // Art. 45-49, 83-84: the Kerngroep rules on cases; participants see their own case.
  // Art. 13: a CSO party in a module with an active monitoring NDA reads companies' results (field-filtered).
  { route: /^GET \/api\/v1\/monitoring\/results\/:companyId\/:round$/, article: '13', allows: (c, o) => o.table === 'organisations' && c.csoUnderNda },
  { route: /^(GET|POST) \/api\/v1\/cases\/:id(\/.*)?$/, article: '22, 45-49, 83-84', allows: (c, o) => o.table === 'cases' && c.kerngroep },
  // Art. 73, 76: notice is given to the Kerngroep, which also decides on removal: its members and chair read a party's membership.
  { route: /^GET \/api\/v1\/membership\/organisations\/:id$/, article: '73, 76', allows: (c, o) => o.table === 'organisations' && c.kerngroep },
  // Art. 85: every party (and the chair, who may declare a complaint not admissible) sees a company's grievance mechanism.
  { route: /^GET \/api\/v1\/organisations\/:id\/grievance-mechanism$/, article: '85', allows: (c, o) => o.table === 'organisations' && (['company', 'ngo', 'union', 'branch_org'].includes(c.kind) || c.kerngroep) },
];

describe('BOLA probe: no caller gets another organisation\'s object by its id', () => {
  let t: TestApp;
  let owned: Owned[];
  let callers: Caller[];
  let routes: AppRoute[];

  beforeAll(async () => {
    t = await startTestApp();
    // Give every organisation an NDA signature too (the demo has none), so signature ids are probed as well.
    await t.db.query(
      `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, expires_at)
       SELECT (SELECT id FROM nda_texts WHERE kind = 'cso-monitoring' ORDER BY version DESC LIMIT 1), p.organisation_id, min(p.id::text)::uuid, 'Probe', now() + interval '1 year'
         FROM people p GROUP BY p.organisation_id`,
    );
    routes = appRoutes(t.app).filter((r) => r.params.length > 0 && !r.isPublic);
    const fks: Array<{ tbl: string; col: string }> = await t.db.query(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'organisations'::regclass
          AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_name = c.conrelid::regclass::text AND i.column_name = 'id' AND i.data_type = 'uuid')
        ORDER BY 1, 2`,
    );
    const byTable = new Map<string, string[]>();
    for (const f of fks) if (f.tbl !== 'organisations') byTable.set(f.tbl, [...(byTable.get(f.tbl) ?? []), f.col]);
    owned = (await t.db.query(`SELECT id FROM organisations`)).map((r: { id: string }) => ({ table: 'organisations', id: r.id, owners: [r.id] }));
    for (const [table, cols] of byTable) {
      // Up to 40 objects per table, spread over owners, are enough to hit every organisation.
      const rows = await t.db.query(`SELECT id, ARRAY[${cols.map((c) => `${c}::text`).join(', ')}] AS owners FROM ${table} ORDER BY md5(id::text) LIMIT 40`);
      for (const r of rows) owned.push({ table, id: r.id, owners: (r.owners as Array<string | null>).filter((x): x is string => !!x) });
    }
    callers = [];
    for (const p of DEMO_PEOPLE) {
      const [row] = await t.db.query(
        `SELECT p.organisation_id AS org, o.kind, p.id IN (SELECT person_id FROM kerngroep_chair) OR EXISTS (SELECT 1 FROM kerngroep_seats s WHERE p.id IN (s.fixed_person_id, s.deputy_person_id)) AS kerngroep,
                o.kind IN ('ngo', 'union') AND o.is_party
                  AND EXISTS (SELECT 1 FROM module_participations m WHERE m.organisation_id = o.id)
                  AND EXISTS (SELECT 1 FROM nda_signatures s JOIN nda_texts x ON x.id = s.text_id
                               WHERE s.organisation_id = o.id AND x.kind = 'cso-monitoring' AND s.revoked_at IS NULL AND s.expires_at > now()
                                 AND x.version = (SELECT max(version) FROM nda_texts WHERE kind = 'cso-monitoring')) AS cso
           FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.email = $1`,
        [p.email],
      );
      callers.push({ email: p.email, organisationId: row.org, kind: row.kind, kerngroep: row.kerngroep, csoUnderNda: row.cso, token: await t.login(p.email) });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('never a 2xx for another organisation\'s object that the caller should not get', async () => {
    const findings: string[] = [];
    let probes = 0;
    const tables = [...new Set(owned.map((o) => o.table))];
    await inBatches(callers, 4, async (c) => {
      for (const route of routes) {
        const name = `${route.method} ${route.path}`;
        // The secretariat may act on every organisation's objects; its writes are not probed (they would change data).
        if (c.kind === 'secretariat') {
          if (route.method !== 'GET') continue;
        }
        // One object of each table, of an organisation that is not the caller's.
        for (const table of tables) {
          const candidates = owned.filter((o) => o.table === table && !o.owners.includes(c.organisationId));
          if (candidates.length === 0) continue;
          const o = candidates[(probes + c.email.length) % candidates.length];
          const path = route.path.replace(/:(\w+)/g, (_m, p: string) => (p === 'round' ? 'baseline' : o.id));
          const res = await t.http()[route.method.toLowerCase() as 'get'](path).set({ Authorization: `Bearer ${c.token}` }).send({});
          probes++;
          if (res.status < 200 || res.status >= 300) continue;
          if (c.kind === 'secretariat') continue;
          const open = OPEN_ACROSS_ORGANISATIONS.find((x) => x.route.test(name) && x.allows(c, o));
          if (!open) findings.push(`${c.email} ${route.method} ${path} (${o.table} of ${o.owners.join('+')}) → ${res.status}`);
        }
      }
    });
    console.log(`BOLA probe: ${routes.length} routes with ids, ${callers.length} callers, ${tables.length} tables of owned objects, ${probes} probes, ${findings.length} findings`);
    expect(routes.length).toBeGreaterThan(5);
    expect(probes).toBeGreaterThan(1000);
    expect(findings).toEqual([]);
  }, 600_000);
});
