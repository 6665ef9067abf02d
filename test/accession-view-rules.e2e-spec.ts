import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11, section 1: which accession requests a caller sees, and which fields of them, is policies/accession-requests.yaml
 * (rows by `match: status`, fields by `fields:`), not a check on the caller's organisation kind or chair flag in the
 * service. Expectations from the agreement: the parties are informed of an intended accession and read the motivation
 * letter (art. 71), never the contact person or how it came in; the secretariat keeps everything (art. 55, 70); the
 * chair, who runs the Kerngroep's assessment (art. 50, 72), reads all of it, the parties' questions included.
 */
describe('accession requests: rows and fields from the policy (art. 50, 55, 70-72)', () => {
  let t: TestApp;
  const api: Record<string, Api> = {};
  const PARTY_FIELDS = ['id', 'name', 'kind', 'country', 'status', 'motivation', 'hasLetter', 'receivedAt', 'informedAt', 'caseId', 'organisationId', 'questions'];

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of ['secretariaat', 'eerlijk-erts', 'voorzitter', 'kenniscentrum-metalen']) api[slug] = await as(t, slug);
  });
  afterAll(async () => {
    await t?.close();
  });

  const explain = async (slug: string, id: string) =>
    (await api[slug].get(`/api/v1/authz/explain?action=read&subject=AccessionRequest&id=${id}`)).body as { allowed: boolean; decidedBy: Array<{ rule: string; article: string }> };

  it('a party sees an informed request with the rule\'s fields only; before informing it is a 404 and explain names the rule; the chair and the secretariat see all', async () => {
    const filed = await api['secretariaat'].post('/api/v1/membership/accession-requests', {
      name: 'Stichting Metaal Morgen', kind: 'ngo', country: 'NL', contactName: 'Mila Morgen', contactEmail: 'mila@metaalmorgen.test', motivation: 'We subscribe to the OECD guidelines.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;

    // art. 71: not yet informed: the party neither lists nor reads it; explain says which rule would open it
    expect((await api['eerlijk-erts'].get(`/api/v1/membership/accession-requests/${id}`)).status).toBe(404);
    expect((await api['eerlijk-erts'].get('/api/v1/membership/accession-requests')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(await explain('eerlijk-erts', id)).toMatchObject({ allowed: false, decidedBy: [{ rule: 'parties-read-informed-requests', article: '71' }] });
    // the chair sees it before the parties are informed, with the contact person (art. 50, 72)
    const early = await api['voorzitter'].get(`/api/v1/membership/accession-requests/${id}`);
    expect(early.status).toBe(200);
    expect(early.body.contact).toEqual({ name: 'Mila Morgen', email: 'mila@metaalmorgen.test', language: 'nl' });

    expect((await api['secretariaat'].post(`/api/v1/membership/accession-requests/${id}/inform`)).status).toBe(200);
    expect(await explain('eerlijk-erts', id)).toMatchObject({ allowed: true, decidedBy: [{ rule: 'parties-read-informed-requests', article: '71' }] });
    const seen = await api['eerlijk-erts'].get(`/api/v1/membership/accession-requests/${id}`);
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body).sort()).toEqual([...PARTY_FIELDS].sort());
    const listed = (await api['eerlijk-erts'].get('/api/v1/membership/accession-requests')).body.items.find((r: { id: string }) => r.id === id);
    expect(Object.keys(listed).sort()).toEqual([...PARTY_FIELDS].sort());

    expect((await api['eerlijk-erts'].post(`/api/v1/membership/accession-requests/${id}/questions`, { question: 'Who funds you?' })).status).toBe(201);
    for (const slug of ['secretariaat', 'voorzitter']) {
      const full = await api[slug].get(`/api/v1/membership/accession-requests/${id}`);
      expect(full.body, slug).toMatchObject({ receivedVia: 'secretariat', contact: { email: 'mila@metaalmorgen.test' } });
      expect(full.body.questionList, slug).toEqual([expect.objectContaining({ organisation: 'Eerlijk Erts', question: 'Who funds you?' })]);
    }
    // a supporter is no party (art. 40): the route refuses it
    expect((await api['kenniscentrum-metalen'].get(`/api/v1/membership/accession-requests/${id}`)).status).toBe(403);
  });
});
