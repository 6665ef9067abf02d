import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;

/** Art. 21: company-by-region requests (issue 5 item 8), through HTTP on the demo sector. */
describe('company-by-region requests (art. 21)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (slug: string) => ({ authorization: `Bearer ${tokens[slug]}` });
  const ids: Record<string, string> = {};
  let requestId: string;
  let signatureId: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of ['mensenrechten-monitor', 'groene-keten', 'secretariaat', 'staalwerk-twente', 'kivu-mining-watch']) tokens[slug] = await t.login(email(slug));
    for (const r of await t.db.query(`SELECT slug, id FROM organisations`)) ids[r.slug] = r.id;
  });
  afterAll(() => t?.close());

  const ask = (slug: string, body: object) => t.http().post('/api/v1/company-region-requests').set(as(slug)).send(body);

  it('without the signed art. 21 clause a CSO cannot ask (403 naming the missing NDA); companies and local partners cannot either', async () => {
    const res = await ask('mensenrechten-monitor', { countries: ['BO'] });
    expect(res.status).toBe(403);
    expect(res.body.missing).toContain('nda:company-region');
    expect((await ask('staalwerk-twente', { countries: ['BO'] })).status).toBe(403);
    expect((await ask('kivu-mining-watch', { countries: ['BO'] })).status).toBe(403);
  });

  it('after signing, the CSO asks; bad input names the field and stores nothing', async () => {
    const texts = await t.http().get('/api/v1/ndas/texts').set(as('mensenrechten-monitor'));
    const clause = texts.body.find((x: { kind: string }) => x.kind === 'company-region');
    const signed = await t.http().post('/api/v1/ndas/signatures').set(as('mensenrechten-monitor'))
      .send({ kind: 'company-region', sha256: clause.sha256, signerName: 'Mira Monitor' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    signatureId = signed.body.id;

    const bad = await ask('mensenrechten-monitor', { countries: ['XX'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('countries');
    const lower = await ask('mensenrechten-monitor', { countries: ['bo'] });
    expect(lower.status).toBe(400);
    const none = await ask('mensenrechten-monitor', { countries: [] });
    expect(none.status).toBe(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM company_region_requests`))[0].n).toBe(0);

    const res = await ask('mensenrechten-monitor', { countries: ['BO'], regions: ['CD-NK'], purpose: 'collective project on artisanal mining' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', countries: ['BO'], regions: ['CD-NK'], companies: null });
    requestId = res.body.id;
    const [row] = await t.db.query(`SELECT nda_signature_id FROM company_region_requests WHERE id = $1`, [requestId]);
    expect(row.nda_signature_id).toBe(signatureId);
  });

  it('before release the requester sees the status only; another CSO gets 404; the secretariat sees the candidates', async () => {
    const mine = await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('mensenrechten-monitor'));
    expect(mine.status).toBe(200);
    expect(mine.body.companies).toBeNull();
    expect(mine.body.candidates).toBeUndefined();
    // Another CSO: without the clause 403 for any id (existence does not leak); with it, 404 for this one.
    expect((await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('groene-keten'))).status).toBe(403);
    const texts = await t.http().get('/api/v1/ndas/texts').set(as('groene-keten'));
    const clause = texts.body.find((x: { kind: string }) => x.kind === 'company-region');
    expect((await t.http().post('/api/v1/ndas/signatures').set(as('groene-keten')).send({ kind: 'company-region', sha256: clause.sha256, signerName: 'Gijs Groen' })).status).toBe(201);
    expect((await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('groene-keten'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/company-region-requests`).set(as('groene-keten'))).body).toEqual([]);
    expect((await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('staalwerk-twente'))).status).toBe(403);

    const review = await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('secretariaat'));
    expect(review.status).toBe(200);
    // BO: Minera Cerro Rico (Metaalbouw Brabant, Koperwerk Zeeland) and Fundición Vinto (Staalwerk, Gieterij,
    // Metaalbouw); CD-NK: Kivu Cobalt & Tin (Staalwerk, Gieterij, Precisietechniek Delft).
    expect(review.body.candidates.map((c: { id: string }) => c.id).sort()).toEqual(
      ['staalwerk-twente', 'gieterij-de-hoop', 'metaalbouw-brabant', 'koperwerk-zeeland', 'precisie-delft'].map((s) => ids[s]).sort(),
    );
  });

  it('restrictions: a hidden entry never makes its company appear; a country-level entry is not matched by its region', async () => {
    const review = async () =>
      (await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('secretariaat'))).body.candidates.map((c: { id: string }) => c.id);
    await t.db.query(`UPDATE production_locations SET restriction_level = 'country' WHERE organisation_id = $1 AND region = 'CD-NK'`, [ids['precisie-delft']]);
    expect(await review()).not.toContain(ids['precisie-delft']);
    await t.db.query(`UPDATE production_locations SET restriction_level = 'hidden' WHERE organisation_id = $1 AND region = 'CD-NK'`, [ids['precisie-delft']]);
    expect(await review()).not.toContain(ids['precisie-delft']);
    await t.db.query(`UPDATE production_locations SET restriction_level = 'none' WHERE organisation_id = $1 AND region = 'CD-NK'`, [ids['precisie-delft']]);
    expect(await review()).toContain(ids['precisie-delft']);
  });

  it('the secretariat releases; the requester then sees company names only, never suppliers; a second answer is 409; all audited', async () => {
    expect((await t.http().post(`/api/v1/company-region-requests/${requestId}/answer`).set(as('mensenrechten-monitor')).send({ decision: 'release' })).status).toBe(403);
    const released = await t.http().post(`/api/v1/company-region-requests/${requestId}/answer`).set(as('secretariaat')).send({ decision: 'release', note: 'ok' });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.status).toBe('released');
    const again = await t.http().post(`/api/v1/company-region-requests/${requestId}/answer`).set(as('secretariaat')).send({ decision: 'decline' });
    expect(again.status).toBe(409);

    const answer = await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('mensenrechten-monitor'));
    expect(answer.status).toBe(200);
    expect(answer.body.companies).toHaveLength(5);
    for (const c of answer.body.companies) expect(Object.keys(c).sort()).toEqual(['id', 'name']);
    expect(answer.body.companies.map((c: { name: string }) => c.name)).toContain('Staalwerk Twente B.V.');
    expect(JSON.stringify(answer.body)).not.toMatch(/Kivu Cobalt|Cerro Rico|Vinto|Avenue du Lac/i);

    const list = await t.http().get('/api/v1/company-region-requests').set(as('mensenrechten-monitor'));
    expect(list.body).toHaveLength(1);
    expect(list.body[0].companies).toBeUndefined();

    const audit = await t.db.query(`SELECT action, grant_type, grant_id FROM audit_log WHERE object_id = $1 ORDER BY seq`, [requestId]);
    const actions = audit.map((a: { action: string }) => a.action);
    expect(actions[0]).toBe('company-region-requests.create');
    expect(actions).toContain('company-region-requests.release');
    expect(actions.filter((a: string) => a === 'company-region-requests.read').length).toBeGreaterThanOrEqual(4);
    expect(audit[0]).toMatchObject({ grant_type: 'nda', grant_id: signatureId });
  });

  it('a revoked clause ends access to the answer (the status list stays); a declined request has no answer', async () => {
    const revoke = await t.http().post(`/api/v1/ndas/signatures/${signatureId}/revoke`).set(as('secretariaat')).send({});
    expect([200, 201]).toContain(revoke.status);
    const res = await t.http().get(`/api/v1/company-region-requests/${requestId}`).set(as('mensenrechten-monitor'));
    expect(res.status).toBe(403);
    expect(res.body.missing).toContain('nda:company-region');
    expect((await t.http().get('/api/v1/company-region-requests').set(as('mensenrechten-monitor'))).status).toBe(200);
    expect((await ask('mensenrechten-monitor', { countries: ['CD'] })).status).toBe(403);

    const [{ id }] = await t.db.query(
      `INSERT INTO company_region_requests (requester_organisation_id, requested_by, year, countries)
       SELECT $1, p.id, 2026, '{CD}' FROM people p WHERE p.email = $2 RETURNING id`,
      [ids['groene-keten'], email('groene-keten')],
    );
    const declined = await t.http().post(`/api/v1/company-region-requests/${id}/answer`).set(as('secretariaat')).send({ decision: 'decline' });
    expect(declined.body).toMatchObject({ status: 'declined', companies: null });
  });
});
