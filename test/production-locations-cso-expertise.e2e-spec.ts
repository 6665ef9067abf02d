import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;

/** Art. 22, first sentence: the overview of CSO expertise (issue 5 item 10). */
describe('CSO expertise overview (art. 22)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (slug: string) => ({ authorization: `Bearer ${tokens[slug]}` });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of ['mensenrechten-monitor', 'groene-keten', 'metaalbond', 'secretariaat', 'staalwerk-twente', 'branche-metaal', 'kivu-mining-watch', 'kenniscentrum-metalen']) {
      tokens[slug] = await t.login(email(slug));
    }
    for (const r of await t.db.query(`SELECT slug, id FROM organisations`)) ids[r.slug] = r.id;
  });
  afterAll(() => t?.close());

  it('every company and party reads the demo overview, filterable by country and raw material', async () => {
    for (const slug of ['staalwerk-twente', 'branche-metaal', 'groene-keten', 'secretariaat']) {
      const res = await t.http().get('/api/v1/cso-expertise').set(as(slug));
      expect(res.status, slug).toBe(200);
      expect(res.body.length).toBeGreaterThanOrEqual(8);
    }
    const cobalt = await t.http().get('/api/v1/cso-expertise?country=CD&material=cobalt').set(as('staalwerk-twente'));
    expect(cobalt.body.map((e: { region: string }) => e.region).sort()).toEqual(['CD-LU', 'CD-NK']);
    expect(cobalt.body[0]).toMatchObject({ organisationName: 'Stichting Mensenrechten Monitor', organisationKind: 'ngo', country: 'CD' });
    expect((await t.http().get('/api/v1/cso-expertise?country=cd').set(as('staalwerk-twente'))).status).toBe(400);
  });

  it('non-parties (local partners, supporters) cannot read it: 403', async () => {
    expect((await t.http().get('/api/v1/cso-expertise').set(as('kivu-mining-watch'))).status).toBe(403);
    expect((await t.http().get('/api/v1/cso-expertise').set(as('kenniscentrum-metalen'))).status).toBe(403);
  });

  it('a CSO maintains its own entries (audited); not another CSO\'s; a company cannot; the secretariat can', async () => {
    const put = (slug: string, org: string, entries: unknown[]) =>
      t.http().put(`/api/v1/cso-expertise/${ids[org]}`).set(as(slug)).send({ entries });
    const entry = { country: 'ID', region: 'ID-BB', rawMaterials: ['Tin', 'tin', 'kaolin'], description: 'Fishers and miners on Bangka' };
    const own = await put('groene-keten', 'groene-keten', [entry]);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toHaveLength(1);
    expect(own.body[0]).toMatchObject({ country: 'ID', region: 'ID-BB', rawMaterials: ['tin', 'kaolin'] });

    expect((await put('groene-keten', 'mensenrechten-monitor', [entry])).status).toBe(404);
    expect((await put('staalwerk-twente', 'staalwerk-twente', [entry])).status).toBe(403);
    const bad = await put('groene-keten', 'groene-keten', [{ ...entry, country: 'XX' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('entries.0.country');
    const missing = await put('groene-keten', 'groene-keten', [{ country: 'ID' }]);
    expect(missing.status).toBe(400);

    const bySecretariat = await put('secretariaat', 'metaalbond', []);
    expect(bySecretariat.status).toBe(200);
    expect(bySecretariat.body).toEqual([]);
    expect((await put('secretariaat', 'staalwerk-twente', [entry])).status).toBe(400);

    const all = await t.http().get('/api/v1/cso-expertise').set(as('staalwerk-twente'));
    expect(all.body.filter((e: { organisationId: string }) => e.organisationId === ids['groene-keten'])).toHaveLength(1);
    expect(all.body.filter((e: { organisationId: string }) => e.organisationId === ids.metaalbond)).toHaveLength(0);
    const audit = await t.db.query(`SELECT object_id FROM audit_log WHERE action = 'cso-expertise.update' ORDER BY seq`);
    expect(audit.map((a: { object_id: string }) => a.object_id)).toEqual([ids['groene-keten'], ids.metaalbond]);
  });
});
