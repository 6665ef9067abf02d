import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, orgId } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11, art. 23 (safety of stakeholders), through HTTP: local partners, their country and their affiliation are
 * visible only to the secretariat, the Kerngroep members and chair, and the party they are affiliated to (and the
 * local partner itself). `GET /organisations` leaves them out for everyone else, and one of them by id answers the
 * same 404 as an unknown id. (The case views shown to a company: test/cases-disclosure.e2e-spec.ts, step 3 and 8.)
 */
describe('art. 23: who knows the local partners', () => {
  let t: TestApp;
  const who: Record<string, Api> = {};
  let kivu: string;
  let lokaal: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const s of ['secretariaat', 'voorzitter', 'metaalbond', 'branche-metaal', 'groene-keten', 'metaalbouw-brabant', 'eerlijk-erts', 'kenniscentrum-metalen', 'sindicato-potosi', 'kivu-mining-watch']) {
      who[s] = await as(t, s);
    }
    kivu = await orgId(t, 'kivu-mining-watch');
    // A local partner affiliated to Eerlijk Erts, an NGO party without a Kerngroep seat (art. 22, 41).
    const res = await who['secretariaat'].post('/api/v1/organisations', { name: 'Lokaal Partner Katanga', kind: 'local_partner', affiliatedTo: await orgId(t, 'eerlijk-erts'), country: 'CD' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    lokaal = res.body.id;
  });
  afterAll(() => t?.close());

  const localPartners = async (slug: string) =>
    ((await who[slug].get('/api/v1/organisations')).body as Array<{ slug: string; kind: string }>).filter((o) => o.kind === 'local_partner').map((o) => o.slug).sort();

  it('the secretariat, the chair and a Kerngroep member see every local partner with its country and affiliation', async () => {
    // Issue 13: Groene Keten no longer holds a seat; Branche Metaal (branch_orgs) does, and has no local partner of its own.
    for (const slug of ['secretariaat', 'voorzitter', 'metaalbond', 'branche-metaal']) {
      expect(await localPartners(slug), slug).toEqual(['kivu-mining-watch', 'lokaal-partner-katanga', 'sindicato-potosi']);
    }
    const one = await who['metaalbond'].get(`/api/v1/organisations/${kivu}`);
    expect(one.body).toMatchObject({ kind: 'local_partner', country: 'CD', affiliatedTo: { slug: 'mensenrechten-monitor' } });
  });

  it('the party a local partner is affiliated to sees that one; a local partner sees itself only', async () => {
    expect(await localPartners('eerlijk-erts')).toEqual(['lokaal-partner-katanga']);
    expect((await who['eerlijk-erts'].get(`/api/v1/organisations/${lokaal}`)).body).toMatchObject({ country: 'CD', affiliatedTo: { slug: 'eerlijk-erts' } });
    expect(await localPartners('sindicato-potosi')).toEqual(['sindicato-potosi']);
  });

  it('a company, a supporter and any other party see none; by id it is the 404 of an unknown id', async () => {
    const unknown = await who['metaalbouw-brabant'].get('/api/v1/organisations/00000000-0000-4000-8000-000000000001');
    expect(unknown.status).toBe(404);
    for (const slug of ['metaalbouw-brabant', 'groene-keten', 'kenniscentrum-metalen', 'sindicato-potosi', 'kivu-mining-watch']) {
      const hidden = slug === 'kivu-mining-watch' ? lokaal : kivu;
      if (slug !== 'sindicato-potosi' && slug !== 'kivu-mining-watch') expect(await localPartners(slug), slug).toEqual([]);
      const res = await who[slug].get(`/api/v1/organisations/${hidden}`);
      expect(res.status, slug).toBe(404);
      expect(res.text, slug).toBe(unknown.text);
      const people = await who[slug].get(`/api/v1/organisations/${hidden}/people`);
      expect(people.status, slug).toBe(404);
    }
    expect(await localPartners('eerlijk-erts')).not.toContain('kivu-mining-watch');
  });
});
