import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, admitComplaint, as, orgId, snapshot } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11, section 1: who may vote on a matter is a rule of policies/cases.yaml (action `vote`) on named facts
 * (`votersSql` in src/kerngroep/rulings.repository.ts), not a check in the rulings service. Through HTTP: each refusal
 * is a 403 naming the rule and its article, and `GET /authz/explain` names the same rule, for an allowed vote too.
 * Expectations from the agreement: the chair has no vote (art. 50); one vote per seat, by the fixed representative
 * (art. 46, 47, 49); the deputy only when the fixed member is absent (art. 47); a concerned organisation does not vote
 * (art. 84) and the substitute the chair appointed does; in the assembly every party votes, one whose withdrawal has
 * not taken effect included (art. 49, 73-75).
 */
describe('who may vote, as policy rules with their articles (art. 46-50, 73-75, 84)', () => {
  let t: TestApp;
  const who: Record<string, Api> = {};
  const SLUGS = ['metaalbond', 'metaalbond-2@demo.ketenkluis.test', 'mensenrechten-monitor', 'mensenrechten-monitor-2@demo.ketenkluis.test', 'groene-keten',
    'eerlijk-erts', 'branche-metaal', 'staalwerk-twente', 'staalwerk-twente-2@demo.ketenkluis.test', 'koperwerk-zeeland', 'voorzitter'];
  const NGO_DEPUTY = 'mensenrechten-monitor-2@demo.ketenkluis.test';

  beforeAll(async () => {
    t = await startTestApp();
    for (const s of SLUGS) who[s] = await as(t, s);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function complaint(about: string): Promise<string> {
    const res = await who['groene-keten'].post('/api/v1/cases', { type: 'complaint', grounds: 'No progress on the plan of action', companyId: await orgId(t, about) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await admitComplaint(t, res.body.id);
    return res.body.id;
  }
  const vote = (slug: string, id: string, v = 'for') => who[slug].post(`/api/v1/cases/${id}/votes`, { vote: v });
  const explain = async (slug: string, id: string) => {
    const res = await who[slug].get(`/api/v1/authz/explain?action=vote&subject=Case&id=${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { allowed: boolean; decidedBy: Array<{ policy: string; rule: string; article: string }>; missing: string[] };
  };
  const rule = (id: string, article: string) => ({ policy: 'cases.yaml', rule: id, article });

  it('art. 46-47, 49: the fixed representative votes; explain names the rule', async () => {
    const id = await complaint('precisie-delft');
    expect(await explain('metaalbond', id)).toEqual({ allowed: true, decidedBy: [rule('fixed-member-votes', '46, 47, 49')], missing: [] });
    const res = await vote('metaalbond', id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ seat: 'unions', capacity: 'fixed' });
  });

  it('art. 46-47, 49: a party that sees the matter but holds no seat in it (the filer) is refused, citing the vote rules', async () => {
    const id = await complaint('precisie-delft');
    const before = await snapshot(t, id);
    const res = await vote('groene-keten', id);
    expect(res.status).toBe(403);
    const rules = (res.body.decidedBy as Array<{ rule: string }>).map((d) => d.rule);
    expect(rules).toEqual(expect.arrayContaining(['fixed-member-votes', 'deputy-votes-for-absent-member', 'substitute-votes', 'parties-vote-in-assembly']));
    expect(res.body.message).toContain('art. 46, 47, 49 (cases.yaml#fixed-member-votes)');
    expect(res.body.message).toContain('art. 47 (cases.yaml#deputy-votes-for-absent-member)');
    expect(res.body.missing).toEqual([]); // a seat is nothing the caller can obtain
    expect(await snapshot(t, id)).toBe(before);
    const why = await explain('groene-keten', id);
    expect(why.allowed).toBe(false);
    expect(why.decidedBy).toEqual(res.body.decidedBy);
  });

  it('art. 47: the deputy is refused while the fixed member is present, and votes once the chair recorded the absence', async () => {
    const id = await complaint('precisie-delft');
    const before = await snapshot(t, id);
    const refused = await vote(NGO_DEPUTY, id);
    expect(refused.status).toBe(403);
    expect(refused.body.decidedBy).toEqual([rule('deputy-waits-while-fixed-member-present', '47')]);
    expect(refused.body.message).toMatch(/^The deputy votes only when the fixed representative is absent\. .*art\. 47/);
    expect(await snapshot(t, id)).toBe(before);
    expect(await explain(NGO_DEPUTY, id)).toMatchObject({ allowed: false, decidedBy: [rule('deputy-waits-while-fixed-member-present', '47')] });

    const absent = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'record-absence', seat: 'ngos' });
    expect(absent.status, JSON.stringify(absent.body)).toBe(200);
    expect(await explain(NGO_DEPUTY, id)).toEqual({ allowed: true, decidedBy: [rule('deputy-votes-for-absent-member', '47')], missing: [] });
    const ok = await vote(NGO_DEPUTY, id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ seat: 'ngos', capacity: 'deputy' });
  });

  it('art. 50: the chair is refused by the deny rule, in the vote and in explain', async () => {
    const id = await complaint('precisie-delft');
    const res = await vote('voorzitter', id);
    expect(res.status).toBe(403);
    expect(res.body.decidedBy).toEqual([rule('chair-has-no-vote', '50')]);
    expect(await explain('voorzitter', id)).toMatchObject({ allowed: false, decidedBy: [rule('chair-has-no-vote', '50')] });
  });

  it('art. 84: the concerned organisation (fixed and deputy) is refused citing art. 84; the appointed substitute votes', async () => {
    const id = await complaint('staalwerk-twente');
    for (const slug of ['staalwerk-twente', 'staalwerk-twente-2@demo.ketenkluis.test']) {
      const res = await vote(slug, id);
      expect(res.status, slug).toBe(403);
      expect(res.body.decidedBy, slug).toEqual([rule('concerned-organisation-does-not-vote', '84')]);
      expect(res.body.message, slug).toContain('art. 84');
      expect((await explain(slug, id)).decidedBy, slug).toEqual([rule('concerned-organisation-does-not-vote', '84')]);
    }
    // before the chair appoints it, the substitute-to-be has no part in any vote: refused naming the substitute's rule
    const early = await vote('koperwerk-zeeland', id);
    expect(early.status).toBe(403);
    expect((early.body.decidedBy as Array<{ rule: string }>).map((d) => d.rule)).toContain('substitute-votes');
    const appoint = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'koperwerk-zeeland') });
    expect(appoint.status, JSON.stringify(appoint.body)).toBe(200);
    expect(await explain('koperwerk-zeeland', id)).toEqual({ allowed: true, decidedBy: [rule('substitute-votes', '84')], missing: [] });
    const sub = await vote('koperwerk-zeeland', id, 'against');
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    expect(sub.body).toMatchObject({ seat: 'companies', capacity: 'substitute' });
  });

  it('art. 49, 73-75: in the assembly a withdrawing party votes (explain names the rule, its to-do list asks it)', async () => {
    await t.db.query(`UPDATE organisations SET status = 'withdrawing' WHERE slug = 'koperwerk-zeeland'`);
    try {
      const id = await complaint('precisie-delft');
      for (const [slug, v] of [['metaalbond', 'for'], ['mensenrechten-monitor', 'for'], ['branche-metaal', 'against'], ['staalwerk-twente', 'against']]) {
        expect((await vote(slug, id, v)).status, slug).toBe(201);
      }
      expect(await explain('koperwerk-zeeland', id)).toEqual({ allowed: true, decidedBy: [rule('parties-vote-in-assembly', '49, 73-75')], missing: [] });
      const tasks = await who['koperwerk-zeeland'].get('/api/v1/me/tasks');
      expect(tasks.status).toBe(200);
      expect(tasks.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'vote', caseId: id })]));
      const ok = await vote('koperwerk-zeeland', id);
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ seat: null, capacity: 'party' });
      // The chair votes in no stage (art. 50).
      expect((await vote('voorzitter', id)).body.decidedBy).toEqual([rule('chair-has-no-vote', '50')]);
    } finally {
      await t.db.query(`UPDATE organisations SET status = 'active' WHERE slug = 'koperwerk-zeeland'`);
    }
  });
});
