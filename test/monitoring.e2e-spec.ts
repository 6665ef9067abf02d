import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = 'demo.ketenkluis.test';
const SEC = `secretariaat@${D}`;
const NGO = `mensenrechten-monitor@${D}`;
const sections = (scores: number[]) => scores.map((score, i) => ({ step: i + 1, score, advice: `advice ${i + 1}` }));

/** Monitoring results (art. 9-13), follow-ups (art. 10-11) and plans of action (art. 12) — issue 4, items 6, 7, 10. */
describe('monitoring results and plans of action', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (slugOrEmail: string) => {
    const email = slugOrEmail.includes('@') ? slugOrEmail : `${slugOrEmail}@${D}`;
    return { Authorization: `Bearer ${tokens[email]}` };
  };
  const org: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const r of await t.db.query(`SELECT slug, id FROM organisations`)) org[r.slug] = r.id;
    for (const slug of ['secretariaat', 'mensenrechten-monitor', 'eerlijk-erts', 'staalwerk-twente', 'gieterij-de-hoop', 'branche-metaal', 'kenniscentrum-metalen', 'kivu-mining-watch', 'metaalbond']) {
      tokens[`${slug}@${D}`] = await t.login(`${slug}@${D}`);
    }
    // The NGO (in a module) signs the art-13 NDA through the API.
    const texts = await t.http().get('/api/v1/ndas/texts').set(as(NGO));
    const cso = texts.body.find((x: { kind: string }) => x.kind === 'cso-monitoring');
    const signed = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: cso.sha256, signerName: 'Mira Monitor' });
    expect(signed.status).toBe(201);
  });
  afterAll(() => t?.close());

  describe('storing a result (secretariat, art. 9-11)', () => {
    it('refuses bad input naming the field, and writes nothing', async () => {
      const url = `/api/v1/monitoring/results/${org['staalwerk-twente']}/year2`;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ finalScore: 120, signal: 'green', advice: 'x', sections: sections([50, 50, 50, 50, 50, 50]) }, 'finalScore'],
        [{ finalScore: 60, signal: 'purple', advice: 'x', sections: sections([50, 50, 50, 50, 50, 50]) }, 'signal'],
        [{ finalScore: 60, signal: 'green', advice: 'x', sections: sections([50, 50, 50]) }, 'sections'],
        [{ finalScore: 60, signal: 'green', advice: 'x', sections: [...sections([50, 50, 50, 50, 50]), { step: 5, score: 1, advice: '' }] }, 'sections'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http().put(url).set(as(SEC)).send(body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field).join(' ')).toContain(field);
      }
      const badRound = await t.http().put(`/api/v1/monitoring/results/${org['staalwerk-twente']}/year3`).set(as(SEC)).send(cases[0][0]);
      expect(badRound.status).toBe(400);
      const notCompany = await t.http().put(`/api/v1/monitoring/results/${org['metaalbond']}/year2`).set(as(SEC))
        .send({ finalScore: 60, signal: 'green', advice: 'x', sections: sections([50, 50, 50, 50, 50, 50]) });
      expect(notCompany.status).toBe(422);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM monitoring_results WHERE round = 'year2'`);
      expect(n).toBe(0);
    });

    it('only secretariat staff store results', async () => {
      const body = { finalScore: 60, signal: 'green', advice: 'x', sections: sections([50, 50, 50, 50, 50, 50]) };
      for (const who of ['staalwerk-twente', NGO, 'branche-metaal']) {
        expect((await t.http().put(`/api/v1/monitoring/results/${org['staalwerk-twente']}/year2`).set(as(who)).send(body)).status).toBe(403);
      }
    });

    it('a red result opens a talk for the secretariat and a 3-month improvement period per insufficient section; audited', async () => {
      const res = await t.http().put(`/api/v1/monitoring/results/${org['staalwerk-twente']}/year2`).set(as(SEC))
        .send({ finalScore: 38, signal: 'red', advice: 'Needs work', sections: sections([70, 40, 45, 60, 80, 55]) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ companyId: org['staalwerk-twente'], round: 'year2', finalScore: 38, signal: 'red' });
      expect(res.body.sections.filter((s: { sufficient: boolean }) => !s.sufficient).map((s: { step: number }) => s.step)).toEqual([2, 3]);
      expect(res.body.improvementPeriods.map((p: { step: number }) => p.step)).toEqual([2, 3]);
      const deadline = new Date(res.body.improvementPeriods[0].deadlineAt).getTime();
      const inThreeMonths = new Date();
      inThreeMonths.setUTCMonth(inThreeMonths.getUTCMonth() + 3);
      expect(Math.abs(deadline - inThreeMonths.getTime())).toBeLessThan(3 * 86_400_000);
      const followUps = await t.http().get('/api/v1/monitoring/follow-ups').set(as(SEC));
      const mine = followUps.body.filter((f: { resultId: string }) => f.resultId === res.body.id);
      expect(mine.map((f: { kind: string; step: number | null }) => `${f.kind}:${f.step}`).sort()).toEqual(['improvement-period:2', 'improvement-period:3', 'signal-talk:null']);
      const [audit] = await t.db.query(`SELECT action FROM audit_log WHERE action = 'monitoring.store' AND object_id = $1`, [res.body.id]);
      expect(audit).toBeDefined();
      // Art. 10: the company hears its result is there, in its language, without the score.
      const mails = await t.db.query(`SELECT to_address, subject, body_text FROM outbox WHERE template = 'monitoring.result-stored' ORDER BY to_address COLLATE "C"`);
      // every person of the company: Tessa and, since issue 13 gave the companies' seat its deputy from Staalwerk itself, Tijmen
      expect(mails.map((x: { to_address: string }) => x.to_address)).toEqual([`staalwerk-twente-2@${D}`, `staalwerk-twente@${D}`]);
      expect(mails[0].subject).toContain('meting jaar 2'); // the round in words, never its code (issue 14, item 6)
      expect(mails[0].subject).not.toContain('year2');
      expect(mails[0].body_text).not.toContain('38');

      // Storing again with step 2 now sufficient closes its period and opens no duplicate talk.
      const again = await t.http().put(`/api/v1/monitoring/results/${org['staalwerk-twente']}/year2`).set(as(SEC))
        .send({ finalScore: 45, signal: 'orange', advice: 'Better', sections: sections([70, 60, 45, 60, 80, 55]) });
      expect(again.status).toBe(200);
      const open = (await t.http().get('/api/v1/monitoring/follow-ups').set(as(SEC))).body.filter((f: { resultId: string }) => f.resultId === res.body.id);
      expect(open.map((f: { kind: string; step: number | null }) => `${f.kind}:${f.step}`).sort()).toEqual(['improvement-period:3', 'signal-talk:null']);

      // The company sees its own follow-ups, not those of others; the secretariat completes a talk once.
      const own = (await t.http().get('/api/v1/monitoring/follow-ups').set(as('staalwerk-twente'))).body;
      expect(new Set(own.map((f: { companyId: string }) => f.companyId))).toEqual(new Set([org['staalwerk-twente']]));
      const talk = open.find((f: { kind: string }) => f.kind === 'signal-talk');
      expect((await t.http().post(`/api/v1/monitoring/follow-ups/${talk.id}/complete`).set(as('staalwerk-twente'))).status).toBe(403);
      expect((await t.http().post(`/api/v1/monitoring/follow-ups/${talk.id}/complete`).set(as(SEC))).status).toBe(200);
      expect((await t.http().post(`/api/v1/monitoring/follow-ups/${talk.id}/complete`).set(as(SEC))).status).toBe(409);
    });
  });

  describe('reading results (art. 10, 13)', () => {
    const url = (slug: string, round = 'baseline') => `/api/v1/monitoring/results/${org[slug]}/${round}`;

    it('the company sees its own result whole; another company gets 404, as for an absent one', async () => {
      const own = await t.http().get(url('gieterij-de-hoop')).set(as('gieterij-de-hoop'));
      expect(own.status).toBe(200);
      expect(own.body.sections).toHaveLength(6);
      expect(own.body.improvementPeriods.length).toBeGreaterThan(0);
      expect((await t.http().get(url('gieterij-de-hoop')).set(as('staalwerk-twente'))).status).toBe(404);
      expect((await t.http().get(url('gieterij-de-hoop', 'year4')).set(as('gieterij-de-hoop'))).status).toBe(404);
    });

    // Issue 11 changed this rule (art. 13): the CSO party sees the score and the advice of the sections that report on
    // risks and on the plan of action only; the final score, the overall signal and the overall advice cover the other
    // sections too, so it no longer sees them (before, it did).
    it('a CSO party in a module with the art-13 NDA sees only the risk and plan-of-action sections with their score and advice, no final score, signal or overall advice; audited with the NDA', async () => {
      const res = await t.http().get(url('gieterij-de-hoop')).set(as(NGO));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['companyId', 'companyName', 'id', 'round', 'sections']);
      expect(res.body.sections.map((s: { step: number }) => s.step)).toEqual([2, 3, 4]);
      for (const s of res.body.sections) expect(Object.keys(s)).toEqual(expect.arrayContaining(['score', 'advice']));
      expect(new Set(res.body.sections.map((s: { reportsOn: string }) => s.reportsOn))).toEqual(new Set(['risks', 'planOfAction']));
      const list = await t.http().get('/api/v1/monitoring/results?round=baseline').set(as(NGO));
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) for (const f of ['finalScore', 'signal', 'advice', 'improvementPeriods']) expect(item[f], f).toBeUndefined();
      const [nda] = await t.db.query(`SELECT s.id FROM nda_signatures s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'mensenrechten-monitor'`);
      const [audit] = await t.db.query(
        `SELECT grant_type, grant_id FROM audit_log WHERE action = 'monitoring.read' AND object_id = $1 AND actor_organisation_id = $2 ORDER BY seq DESC LIMIT 1`,
        [res.body.id, org['mensenrechten-monitor']],
      );
      expect(audit).toEqual({ grant_type: 'nda', grant_id: nda.id });
    });

    it('explain says why, with the same missing list as the 403, and names the deciding rule and article', async () => {
      const [result] = await t.db.query(`SELECT id FROM monitoring_results WHERE company_id = $1 AND round = 'baseline'`, [org['gieterij-de-hoop']]);
      const no = await t.http().get(`/api/v1/authz/explain?action=read&subject=MonitoringResult&id=${result.id}`).set(as('eerlijk-erts'));
      expect(no.body).toMatchObject({ allowed: false });
      expect(no.body.missing.sort()).toEqual(['module:any', 'nda:cso-monitoring']);
      const yes = await t.http().get(`/api/v1/authz/explain?action=read&subject=MonitoringResult&id=${result.id}`).set(as(NGO));
      expect(yes.body).toEqual({ allowed: true, decidedBy: [{ policy: 'monitoring-results.yaml', rule: 'cso-reads-risk-and-plan', article: '13' }], missing: [] });
      const company = await t.http().get(`/api/v1/authz/explain?action=read&subject=MonitoringResult&id=${result.id}`).set(as('staalwerk-twente'));
      // Issue 11: a denial names its deciding rule, never decidedBy: [] — for another company's result (explained like
      // an absent one) the rule that opens a company's own results only.
      expect(company.body).toEqual({ allowed: false, decidedBy: [{ policy: 'monitoring-results.yaml', rule: 'company-reads-own', article: '10' }], missing: [] });
    });

    it('a CSO without the NDA, a branch organisation, a supporter and a local partner see nothing (403 naming what is missing)', async () => {
      const erts = await t.http().get(url('gieterij-de-hoop')).set(as('eerlijk-erts'));
      expect(erts.status).toBe(403);
      expect(erts.body.missing.sort()).toEqual(['module:any', 'nda:cso-monitoring']);
      for (const who of ['branche-metaal', 'kenniscentrum-metalen', 'kivu-mining-watch']) {
        const res = await t.http().get(url('gieterij-de-hoop')).set(as(who));
        expect(res.status).toBe(403);
        expect(res.body.missing).toEqual([]);
      }
    });

    it('the list holds only visible results with visible fields, and counts only those', async () => {
      const sec = await t.http().get('/api/v1/monitoring/results?round=baseline').set(as(SEC));
      expect(sec.body.total).toBe(6);
      const company = await t.http().get('/api/v1/monitoring/results').set(as('gieterij-de-hoop'));
      expect(company.body.total).toBe(1);
      expect(company.body.items[0].companyId).toBe(org['gieterij-de-hoop']);
      const ngo = await t.http().get('/api/v1/monitoring/results?round=baseline&pageSize=4&page=2').set(as(NGO));
      expect(ngo.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
      expect(ngo.body.items).toHaveLength(2);
      for (const item of ngo.body.items) {
        expect(item.improvementPeriods).toBeUndefined();
        expect(item.sections.every((s: { reportsOn: string }) => s.reportsOn !== 'other')).toBe(true);
      }
      for (const who of ['branche-metaal', 'eerlijk-erts', 'kenniscentrum-metalen']) {
        const res = await t.http().get('/api/v1/monitoring/results').set(as(who));
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ items: [], total: 0 });
      }
      const bad = await t.http().get('/api/v1/monitoring/results?round=year3').set(as(SEC));
      expect(bad.status).toBe(400);
    });

    it('demo data: a baseline for every company, with green, orange and red signals', async () => {
      const res = await t.http().get('/api/v1/monitoring/results?round=baseline').set(as(SEC));
      expect(new Set(res.body.items.map((r: { signal: string }) => r.signal))).toEqual(new Set(['green', 'orange', 'red']));
    });
  });

  describe('plans of action (art. 12)', () => {
    it('a company submits its yearly plan; a later submission is a new revision; audited', async () => {
      const body = { year: 2026, measures: [{ step: 2, theme: 'risk-assessment', description: 'Map tier-2 smelters' }] };
      const first = await t.http().post('/api/v1/plans-of-action').set(as('staalwerk-twente')).send(body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ companyId: org['staalwerk-twente'], year: 2026, revision: 1 });
      const second = await t.http().post('/api/v1/plans-of-action').set(as('staalwerk-twente')).send({ ...body, measures: [...body.measures, { step: 3, theme: 'training', description: 'Train buyers' }] });
      expect(second.body).toMatchObject({ id: first.body.id, revision: 2 });
      const bad = await t.http().post('/api/v1/plans-of-action').set(as('staalwerk-twente')).send({ year: 2026, measures: [{ step: 9, theme: 'x', description: '' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).join(' ')).toMatch(/measures/);
      for (const who of [NGO, SEC, 'branche-metaal']) {
        expect((await t.http().post('/api/v1/plans-of-action').set(as(who)).send(body)).status).toBe(403);
      }
      const audits = await t.db.query(`SELECT details FROM audit_log WHERE action = 'plans-of-action.submit' AND object_id = $1 ORDER BY seq`, [first.body.id]);
      expect(audits.map((a: { details: { revision: number } }) => a.details.revision)).toEqual([1, 2]);
    });

    it('the company and the secretariat read a plan; anyone else gets 404 or 403', async () => {
      const [plan] = await t.db.query(`SELECT id FROM plans_of_action WHERE company_id = $1 AND year = 2025`, [org['gieterij-de-hoop']]);
      expect((await t.http().get(`/api/v1/plans-of-action/${plan.id}`).set(as('gieterij-de-hoop'))).status).toBe(200);
      expect((await t.http().get(`/api/v1/plans-of-action/${plan.id}`).set(as(SEC))).status).toBe(200);
      expect((await t.http().get(`/api/v1/plans-of-action/${plan.id}`).set(as('staalwerk-twente'))).status).toBe(404);
      for (const who of [NGO, 'branche-metaal', 'kenniscentrum-metalen']) {
        expect((await t.http().get(`/api/v1/plans-of-action/${plan.id}`).set(as(who))).status).toBe(403);
      }
      const list = await t.http().get('/api/v1/plans-of-action?year=2025').set(as('gieterij-de-hoop'));
      expect(list.body.map((p: { companyId: string }) => p.companyId)).toEqual([org['gieterij-de-hoop']]);
      expect((await t.http().get('/api/v1/plans-of-action?year=2025').set(as(SEC))).body).toHaveLength(6);
    });

    it('every party reads the aggregated plan; it names no company and withholds cells of fewer than 3 companies', async () => {
      const names = (await t.db.query(`SELECT name, slug, id FROM organisations WHERE kind = 'company'`)) as Array<Record<string, string>>;
      for (const who of ['staalwerk-twente', NGO, 'metaalbond', 'branche-metaal']) {
        const res = await t.http().get('/api/v1/plans-of-action/aggregated?year=2025').set(as(who));
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        for (const n of names) for (const v of Object.values(n)) expect(text).not.toContain(v);
        expect(res.body.companiesSubmitted).toBe(6);
        expect(res.body.byStep.find((c: { key: string }) => c.key === '2')).toMatchObject({ companies: 6, suppressed: false });
        // The own "training" measure sits on a different step per company: those step cells have < 3 companies.
        expect(res.body.byStep.find((c: { key: string }) => c.key === '5')).toMatchObject({ measures: null, companies: null, suppressed: true });
      }
      for (const who of ['kenniscentrum-metalen', 'kivu-mining-watch']) {
        expect((await t.http().get('/api/v1/plans-of-action/aggregated?year=2025').set(as(who))).status).toBe(403);
      }
      // Without a year: the latest year with plans (2026 holds only Staalwerk Twente's plan: every cell withheld).
      const latest = await t.http().get('/api/v1/plans-of-action/aggregated').set(as(NGO));
      expect(latest.body).toMatchObject({ year: 2026, companiesSubmitted: 1 });
      expect(latest.body.byStep.every((c: { suppressed: boolean; measures: number | null }) => c.suppressed || c.measures === 0)).toBe(true);
    });
  });
});
