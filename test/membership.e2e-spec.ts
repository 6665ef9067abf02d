import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, type Api, as, email, orgId, until, uploadList } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Membership (issue 13, parts 5-7; art. 73-77) through HTTP on the real app and PostgreSQL, with the real SMTP sink
 * and two app instances polling one database. The clock is moved by updating the dates in PostgreSQL (a party's
 * signing date, a change's effective date, the shredding dates); the scheduler (SCHEDULER_POLL_MS=100) acts.
 */
const YEAR = 2036;
const CSV_ROW = (supplier: string) => `${supplier},Harbour Road 1,,Antofagasta,CL,CL-AN,mining,copper,3+,,`;

/** Art. 74, written down here, not taken from the service: the first 1 January at least six months after `at`. */
function firstNewYearAfterHalfAYear(at: Date): string {
  const y = at.getUTCFullYear();
  return at.getTime() <= Date.UTC(y, 6, 1) ? `${y + 1}-01-01` : `${y + 2}-01-01`;
}

describe('withdrawal, removal and what an effective date does (art. 73-77)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let second: TestApp;
  const api: Record<string, Api> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    second = await startTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url } });
    for (const slug of ['secretariaat', 'voorzitter', 'staalwerk-twente', 'gieterij-de-hoop', 'metaalbouw-brabant', 'recycling-rijnmond', 'precisie-delft',
      'koperwerk-zeeland', 'mensenrechten-monitor', 'groene-keten', 'eerlijk-erts', 'metaalbond', 'vakbond-industrie', 'branche-metaal', 'kenniscentrum-metalen']) {
      api[slug] = await as(t, slug);
    }
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    await sink?.close();
  });

  let regionRequestId: string;
  const signedYearsAgo = (slug: string, years: number) =>
    t.db.query(`UPDATE organisations SET joined_at = now() - make_interval(years => $2) WHERE slug = $1`, [slug, years]);
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;

  const complaintBeforeKerngroep = (about: string) => admittedComplaint(t, api['groene-keten'], about, { commitment: { kind: 'plan-of-action', reference: '2035' } });
  /**
   * Since Staalwerk left, the companies seat is vacant (its fixed and deputy representative were Staalwerk people,
   * art. 47; migration 1764000710000): in a vote opened since, the chair appoints a substitute party of the companies
   * constituency (art. 84), Gieterij De Hoop.
   */
  async function substituteForVacantCompaniesSeat(caseId: string): Promise<void> {
    const r = await api['voorzitter'].post(`/api/v1/cases/${caseId}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'gieterij-de-hoop') });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }

  it('art. 73: a notice within a year of signing is refused with the date it becomes possible; nothing is written', async () => {
    const res = await api['staalwerk-twente'].post('/api/v1/membership/withdrawal', { motivation: 'We stop trading in metals' });
    expect(res.status).toBe(422);
    expect(res.body.details[0].field).toBe('notice');
    expect(res.body.details[0].problem).toContain('art. 73');
    const [{ possible }] = await t.db.query(`SELECT to_char(joined_at + interval '1 year', 'YYYY-MM-DD') AS possible FROM organisations WHERE slug = 'staalwerk-twente'`);
    expect(res.body.details[0].problem).toContain(possible);
    expect(await count(`SELECT count(*)::int AS n FROM membership_changes`)).toBe(0);
    const [org] = await t.db.query(`SELECT status FROM organisations WHERE slug = 'staalwerk-twente'`);
    expect(org.status).toBe('active');
  });

  it('art. 74: the service shows the effective date; a date the agreement does not allow is refused naming the field and the article', async () => {
    await signedYearsAgo('staalwerk-twente', 2);
    const id = await orgId(t, 'staalwerk-twente');
    const view = await api['staalwerk-twente'].get(`/api/v1/membership/organisations/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'active', effectiveIfGivenToday: firstNewYearAfterHalfAYear(new Date()), change: null });
    // Another party's membership is not its business (policies/membership.yaml): one answer for absent and not yours.
    expect((await api['eerlijk-erts'].get(`/api/v1/membership/organisations/${id}`)).status).toBe(404);
    const early = await api['staalwerk-twente'].post('/api/v1/membership/withdrawal', { motivation: 'x', effectiveAt: `${new Date().getUTCFullYear() + 1}-03-01` });
    expect(early.status).toBe(422);
    expect(early.body.details[0]).toMatchObject({ field: 'effectiveAt' });
    expect(early.body.details[0].problem).toContain('art. 74');
    expect(await count(`SELECT count(*)::int AS n FROM membership_changes`)).toBe(0);
    // A supporter is no party: it has nothing to give notice of (art. 40, 73).
    expect((await api['kenniscentrum-metalen'].post('/api/v1/membership/withdrawal', { motivation: 'x' })).status).toBe(403);
  });

  it('art. 73-75: a party gives motivated notice to the Kerngroep; until the effective date it keeps its rights and duties', async () => {
    const res = await api['staalwerk-twente'].post('/api/v1/membership/withdrawal', { motivation: 'We stop trading in metals' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const expected = firstNewYearAfterHalfAYear(new Date());
    expect(res.body).toMatchObject({ status: 'withdrawing', change: { kind: 'withdrawal', effectiveAt: expected, effected: false } });
    expect(res.body.change.dutiesUntil).toBe(`${Number(expected.slice(0, 4)) - 1}-12-31`);
    // The Kerngroep (a seat holder, the chair) and the secretariat are told, with the date.
    const mail = await sink.waitFor((m) => m.to.includes(email('metaalbond')) && m.subject.includes('opzegging'));
    expect(mail.text).toContain(expected);
    await sink.waitFor((m) => m.to.includes(email('voorzitter')) && m.subject.includes('opzegging'));
    await sink.waitFor((m) => m.to.includes(email('secretariaat')) && m.subject.includes('opzegging'));
    expect((await api['staalwerk-twente'].post('/api/v1/membership/withdrawal', { motivation: 'again' })).status).toBe(409);

    // Still listed as taking part, still owes and submits its yearly list (art. 17-18, 75).
    const orgs = await api['metaalbond'].get('/api/v1/organisations');
    expect(orgs.body.find((o: { slug: string }) => o.slug === 'staalwerk-twente')).toMatchObject({ status: 'withdrawing', party: true });
    for (const slug of ['staalwerk-twente', 'metaalbouw-brabant', 'recycling-rijnmond', 'precisie-delft']) await uploadList(t, api[slug], YEAR, [CSV_ROW(`Supplier of ${slug}`)]);
    const list = await api['secretariaat'].get(`/api/v1/aggregated-list/preview?year=${YEAR}`); // the next list computed (issue 15: parties read the published one)
    const cell = list.body.cells.find((c: { country: string; region: string | null; material: string | null }) => c.country === 'CL' && c.region === null && c.material === null);
    expect(cell).toMatchObject({ companies: 4 });
    // An art-21 answer released now names it among the companies active in Chile.
    const texts = await api['mensenrechten-monitor'].get('/api/v1/ndas/texts');
    const clause = texts.body.find((x: { kind: string }) => x.kind === 'company-region');
    expect((await api['mensenrechten-monitor'].post('/api/v1/ndas/signatures', { kind: 'company-region', sha256: clause.sha256, signerName: 'Mira Monitor' })).status).toBe(201);
    const asked = await api['mensenrechten-monitor'].post('/api/v1/company-region-requests', { countries: ['CL'], year: YEAR, purpose: 'copper mining risks' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    regionRequestId = asked.body.id;
    expect((await api['secretariaat'].post(`/api/v1/company-region-requests/${regionRequestId}/answer`, { decision: 'release' })).status).toBe(200);
    const answer = await api['mensenrechten-monitor'].get(`/api/v1/company-region-requests/${regionRequestId}`);
    expect(answer.body.companies.map((c: { name: string }) => c.name)).toContain('Staalwerk Twente B.V.');

    // Still votes in the assembly (DOMAIN.md, art. 49 and 75): a 2-2 Kerngroep vote escalates, the party votes.
    const caseId = await complaintBeforeKerngroep('koperwerk-zeeland');
    for (const [slug, v] of [['metaalbond', 'for'], ['mensenrechten-monitor', 'against'], ['branche-metaal', 'for'], ['staalwerk-twente', 'against']] as const) {
      expect((await api[slug].post(`/api/v1/cases/${caseId}/votes`, { vote: v })).status).toBe(201);
    }
    const assemblyVote = await api['staalwerk-twente'].post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
    expect(assemblyVote.status, JSON.stringify(assemblyVote.body)).toBe(201);
    expect(assemblyVote.body).toMatchObject({ status: 'recorded', capacity: 'party' });
  });

  it('art. 73-77: at the effective date (two instances polling) access ends, the seat and open votes are left, the entries leave the aggregated list — once', async () => {
    const staalwerk = await orgId(t, 'staalwerk-twente');
    // An open Kerngroep vote in which the companies seat (Staalwerk holds it: its fixed and deputy representative are
    // Staalwerk people, art. 47) has not voted yet.
    const open = await complaintBeforeKerngroep('precisie-delft');
    const tokenBefore = api['staalwerk-twente'].token;
    const sessionsBefore = await count(`SELECT count(*)::int AS n FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.organisation_id = $1 AND s.revoked_at IS NULL`, [staalwerk]);
    expect(sessionsBefore).toBeGreaterThan(0);

    await t.db.query(`UPDATE membership_changes SET effective_at = now() - interval '1 second', given_at = now() - interval '1 day' WHERE organisation_id = $1`, [staalwerk]);
    await until(async () => (await t.db.query(`SELECT effected_at FROM membership_changes WHERE organisation_id = $1`, [staalwerk]))[0].effected_at);

    // Exactly once across the two instances: one audit entry, one mail per secretariat person.
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'membership.withdrawal.effective' AND object_id = $1`, [staalwerk])).toBe(1);
    await sink.waitFor((m) => m.to.includes(email('secretariaat')) && m.subject.includes('neemt niet langer deel'));
    await new Promise((r) => setTimeout(r, 500)); // give a duplicate the chance to show up
    expect(sink.messages.filter((m) => m.to.includes(email('secretariaat')) && m.subject.includes('neemt niet langer deel'))).toHaveLength(1);

    // Access ends: the token fails at once, login fails, every session is revoked.
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${tokenBefore}`)).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: email('staalwerk-twente'), password: 'ketenkluis-demo' })).status).toBe(401);
    expect(await count(`SELECT count(*)::int AS n FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.organisation_id = $1 AND s.revoked_at IS NULL`, [staalwerk])).toBe(0);
    expect((await t.db.query(`SELECT status FROM organisations WHERE id = $1`, [staalwerk]))[0].status).toBe('withdrawn');

    // It leaves the Kerngroep seat: fixed and deputy were both its people, so the seat is vacant (migration
    // 1764000710000), and in the open vote another party of the companies constituency that is not concerned stands
    // in as substitute (art. 84): Gieterij De Hoop, the first by name; the chair is told.
    const seats = await api['metaalbond'].get('/api/v1/kerngroep/seats');
    expect(seats.body.seats.find((s: { constituency: string }) => s.constituency === 'companies')).toMatchObject({ fixed: null, deputy: null });
    await sink.waitFor((m) => m.to.includes(email('voorzitter')) && m.subject.includes('zetel bedrijven')); // the seat in words, not its code (issue 14, item 6)
    const substituteVote = await api['gieterij-de-hoop'].post(`/api/v1/cases/${open}/votes`, { vote: 'for' });
    expect(substituteVote.status, JSON.stringify(substituteVote.body)).toBe(201);
    expect(substituteVote.body).toMatchObject({ seat: 'companies', capacity: 'substitute' });
    // It leaves the open votes: its assembly vote in the escalated complaint is gone.
    expect(await count(`SELECT count(*)::int AS n FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE v.organisation_id = $1 AND r.stage <> 'decided'`, [staalwerk])).toBe(0);

    // Its entries leave the aggregated list from the next one computed; it is no longer listed as taking part.
    const list = await api['secretariaat'].get(`/api/v1/aggregated-list/preview?year=${YEAR}`); // the next list computed (issue 15: parties read the published one)
    const cell = list.body.cells.find((c: { country: string; region: string | null; material: string | null }) => c.country === 'CL' && c.region === null && c.material === null);
    expect(cell).toMatchObject({ companies: 3 });
    const orgs = await api['metaalbond'].get('/api/v1/organisations');
    expect(orgs.body.some((o: { slug: string }) => o.slug === 'staalwerk-twente')).toBe(false);
    // Nobody can be invited to it any more.
    const invite = await api['secretariaat'].post(`/api/v1/organisations/${staalwerk}/people`, { name: 'New Person', email: 'new@staalwerk.test' });
    expect(invite.status).toBe(409);
  });

  it('art. 21-22: after the effective date no art-21 answer and no art-22 match names the organisation that left', async () => {
    const staalwerk = await orgId(t, 'staalwerk-twente');
    const answer = await api['mensenrechten-monitor'].get(`/api/v1/company-region-requests/${regionRequestId}`);
    expect(answer.status).toBe(200);
    const names = answer.body.companies.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Metaalbouw Brabant B.V.', 'Precisietechniek Delft B.V.', 'Recycling Rijnmond B.V.']));
    expect(names).not.toContain('Staalwerk Twente B.V.');
    // An art-22 request over Chile, once approved, asks consent of the three companies that still take part. (Issue 11:
    // an art-22 request recuses nobody, so the match shows in the consent requests, not in the ruling's concerned list.)
    const kivu = await as(t, 'kivu-mining-watch');
    const req = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Tailings dam failures reported at copper mines in Antofagasta', scope: { countries: ['CL'], rawMaterials: ['copper', 'lithium'], year: YEAR } });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const [ruling] = await t.db.query(`SELECT concerned_organisation_ids FROM rulings WHERE case_id = $1`, [req.body.id]);
    expect(ruling.concerned_organisation_ids).toEqual([]);
    await substituteForVacantCompaniesSeat(req.body.id);
    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'gieterij-de-hoop']) {
      const v = await api[slug].post(`/api/v1/cases/${req.body.id}/votes`, { vote: 'for' });
      expect(v.status, `${slug} ${JSON.stringify(v.body)}`).toBe(201);
    }
    const asked: Array<{ company_id: string }> = await t.db.query(`SELECT company_id FROM case_consents WHERE case_id = $1`, [req.body.id]);
    expect(asked.map((a) => a.company_id).sort()).toEqual((await Promise.all(['metaalbouw-brabant', 'precisie-delft', 'recycling-rijnmond'].map((slug) => orgId(t, slug)))).sort());
    expect(asked.map((a) => a.company_id)).not.toContain(staalwerk);
  });

  it('after MEMBER_DATA_RETENTION_DAYS the secretariat is warned, then the data keys are shredded — once, audited', async () => {
    const staalwerk = await orgId(t, 'staalwerk-twente');
    const [change] = await t.db.query(`SELECT shred_due_at, effected_at FROM membership_changes WHERE organisation_id = $1`, [staalwerk]);
    // Default MEMBER_DATA_RETENTION_DAYS = 90 (README, configuration), counted from the moment it took effect.
    expect(Math.round((new Date(change.shred_due_at).getTime() - new Date(change.effected_at).getTime()) / 86_400_000)).toBe(90);
    expect(await count(`SELECT count(*)::int AS n FROM company_data_keys WHERE organisation_id = $1`, [staalwerk])).toBeGreaterThan(0);

    await t.db.query(`UPDATE membership_changes SET shred_warn_at = now() - interval '1 second' WHERE organisation_id = $1`, [staalwerk]);
    const warning = await sink.waitFor((m) => m.to.includes(email('secretariaat')) && m.subject.includes('worden vernietigd'));
    expect(warning.subject).toContain('Staalwerk Twente');
    await until(async () => (await t.db.query(`SELECT shred_warned_at FROM membership_changes WHERE organisation_id = $1`, [staalwerk]))[0].shred_warned_at);
    expect(await count(`SELECT count(*)::int AS n FROM company_data_keys WHERE organisation_id = $1`, [staalwerk])).toBeGreaterThan(0);

    await t.db.query(`UPDATE membership_changes SET shred_due_at = now() - interval '1 second' WHERE organisation_id = $1`, [staalwerk]);
    await until(async () => (await t.db.query(`SELECT shredded_at FROM membership_changes WHERE organisation_id = $1`, [staalwerk]))[0].shredded_at);
    expect(await count(`SELECT count(*)::int AS n FROM company_data_keys WHERE organisation_id = $1`, [staalwerk])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM crypto_shredded_companies WHERE organisation_id = $1`, [staalwerk])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'membership.shredded' AND object_id = $1`, [staalwerk])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'keys.shred-company.finish'`)).toBe(1);
    // The secretariat still reads the list's rows, but the NAW can never be decrypted again.
    const rows = await api['secretariaat'].get(`/api/v1/production-locations?year=${YEAR}&organisationId=${staalwerk}`);
    expect(rows.status).toBe(200);
    expect(JSON.stringify(rows.body)).not.toContain('Supplier of staalwerk-twente');
  });

  it('art. 76-77: removal after a recorded reminder, ruled by the Kerngroep with recusal; made public at headline level with its explanation', async () => {
    const branche = await orgId(t, 'branche-metaal');
    // A ruling the party did not follow: a complaint the Kerngroep decided.
    const ruled = await complaintBeforeKerngroep('recycling-rijnmond');
    await substituteForVacantCompaniesSeat(ruled);
    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'gieterij-de-hoop']) {
      expect((await api[slug].post(`/api/v1/cases/${ruled}/votes`, { vote: 'for' })).status).toBe(201);
    }
    const undecided = await complaintBeforeKerngroep('metaalbouw-brabant');

    // Bad input: a reminder about a case not ruled on, a removal without a reminder of this party: 422, nothing written.
    const badReminder = await api['voorzitter'].post('/api/v1/membership/reminders', { organisationId: branche, rulingCaseId: undecided, text: 'Follow the ruling' });
    expect(badReminder.status).toBe(422);
    expect(badReminder.body.details[0].field).toBe('rulingCaseId');
    expect(badReminder.body.details[0].problem).toContain('art. 76');
    const noReminder = await api['voorzitter'].post('/api/v1/membership/removals', { organisationId: branche, reminderId: '00000000-0000-4000-8000-000000000000', explanation: 'x' });
    expect(noReminder.status).toBe(422);
    expect(noReminder.body.details[0].field).toBe('reminderId');
    expect(await count(`SELECT count(*)::int AS n FROM membership_reminders`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM cases WHERE type = 'removal'`)).toBe(0);
    // Only the chair and the secretariat staff remind and propose (policies/membership.yaml).
    expect((await api['metaalbond'].post('/api/v1/membership/reminders', { organisationId: branche, rulingCaseId: ruled, text: 'x' })).status).toBe(403);

    const reminder = await api['voorzitter'].post('/api/v1/membership/reminders', { organisationId: branche, rulingCaseId: ruled, text: 'Follow the ruling within a month' });
    expect(reminder.status, JSON.stringify(reminder.body)).toBe(201);
    await sink.waitFor((m) => m.to.includes(email('branche-metaal')) && m.subject.includes('herinnering'));

    // Another branch organisation, so the recused branch_orgs seat has a party of its constituency to stand in (art. 84).
    const other = await api['secretariaat'].post('/api/v1/organisations', { name: 'Branchevereniging Oost', kind: 'branch_org', country: 'NL' });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const removal = await api['secretariaat'].post('/api/v1/membership/removals', { organisationId: branche, reminderId: reminder.body.id, explanation: 'Branche Metaal did not follow the Kerngroep ruling on its members\u2019 plans of action.' });
    expect(removal.status, JSON.stringify(removal.body)).toBe(201);
    const caseId = removal.body.caseId;
    // Recusal: Branche Metaal's own seat does not vote on its removal. The ruling names it as concerned, so its people
    // have no part in the Kerngroep's case (art. 84): its vote gets the same 404 as an unknown case (issue 11).
    const [removalRuling] = await t.db.query(`SELECT concerned_organisation_ids FROM rulings WHERE case_id = $1`, [caseId]);
    expect(removalRuling.concerned_organisation_ids).toEqual([branche]);
    const own = await api['branche-metaal'].post(`/api/v1/cases/${caseId}/votes`, { vote: 'against' });
    expect(own.status).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE r.case_id = $1`, [caseId])).toBe(0);
    expect((await api['voorzitter'].post(`/api/v1/cases/${caseId}/transitions`, { action: 'appoint-substitute', seat: 'branch_orgs', organisationId: other.body.id })).status).toBe(200);
    await substituteForVacantCompaniesSeat(caseId);
    const substitutePerson = await api['secretariaat'].post(`/api/v1/organisations/${other.body.id}/people`, { name: 'Olga Oost', email: 'olga@oost.test', roles: ['member', 'org_admin'] });
    expect(substitutePerson.status).toBe(201);
    await t.db.query(`UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE email = $1) WHERE email = 'olga@oost.test'`, [email('metaalbond')]);
    api.oost = await as(t, 'olga@oost.test');

    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'gieterij-de-hoop', 'oost']) {
      const v = await api[slug].post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
      expect(v.status, `${slug} ${JSON.stringify(v.body)}`).toBe(201);
    }
    const [c] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [caseId]);
    expect(c.state).toBe('removal_decided');
    const [change] = await t.db.query(`SELECT kind, to_char(effective_at, 'YYYY-MM-DD') AS effective, to_char(duties_until, 'YYYY-MM-DD') AS duties FROM membership_changes WHERE organisation_id = $1`, [branche]);
    const inThreeMonths = new Date();
    inThreeMonths.setUTCMonth(inThreeMonths.getUTCMonth() + 3);
    expect(change).toMatchObject({ kind: 'removal', effective: inThreeMonths.toISOString().slice(0, 10), duties: `${inThreeMonths.getUTCFullYear()}-12-31` });

    // Public (art. 77): anyone, signed in or not, reads the removal with its short explanation; parties see the headline.
    const published = await t.http().get('/api/v1/public/removals');
    expect(published.status).toBe(200);
    expect(published.body.items[0]).toMatchObject({ organisation: 'Branchevereniging Metaal Nederland', explanation: expect.stringContaining('did not follow') });
    const headlines = await api['eerlijk-erts'].get('/api/v1/membership/headlines');
    expect(headlines.body.items).toContainEqual(expect.objectContaining({ kind: 'removal', organisation: expect.objectContaining({ id: branche }) }));
    // A withdrawal's headline carries no motivation.
    expect(JSON.stringify(headlines.body)).not.toContain('We stop trading');
    await sink.waitFor((m) => m.to.includes(email('eerlijk-erts')) && m.subject.includes('verwijdert'));
    // Until the effective date the party keeps its rights: it still votes (in the open complaint, for its seat).
    expect((await api['branche-metaal'].post(`/api/v1/cases/${undecided}/votes`, { vote: 'for' })).status).toBe(201);
  });

  it('at the removal\'s effective date a seat left with nobody gets a substitute of the same constituency in each open vote', async () => {
    const branche = await orgId(t, 'branche-metaal');
    const open = await complaintBeforeKerngroep('gieterij-de-hoop');
    await t.db.query(`UPDATE membership_changes SET effective_at = now() - interval '1 second', given_at = now() - interval '1 day' WHERE organisation_id = $1`, [branche]);
    await until(async () => (await t.db.query(`SELECT effected_at FROM membership_changes WHERE organisation_id = $1`, [branche]))[0].effected_at);
    expect((await t.db.query(`SELECT status FROM organisations WHERE id = $1`, [branche]))[0].status).toBe('removed');
    const [seat] = await t.db.query(`SELECT fixed_person_id, deputy_person_id FROM kerngroep_seats WHERE constituency = 'branch_orgs'`);
    expect(seat).toEqual({ fixed_person_id: null, deputy_person_id: null });
    const v = await api.oost.post(`/api/v1/cases/${open}/votes`, { vote: 'for' });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(v.body).toMatchObject({ seat: 'branch_orgs', capacity: 'substitute' });
    await sink.waitFor((m) => m.to.includes(email('voorzitter')) && m.subject.includes('zetel brancheorganisaties'));
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'membership.removal.effective' AND object_id = $1`, [branche])).toBe(1);
  });

  it('20 concurrent notices of one party over two instances: one is given, the others are 409; one row, one audit entry', async () => {
    await signedYearsAgo('koperwerk-zeeland', 3);
    const token = api['koperwerk-zeeland'].token;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? second : t).http().post('/api/v1/membership/withdrawal').set('authorization', `Bearer ${token}`).send({ motivation: `notice ${i}` })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    const koperwerk = await orgId(t, 'koperwerk-zeeland');
    expect(await count(`SELECT count(*)::int AS n FROM membership_changes WHERE organisation_id = $1`, [koperwerk])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'membership.notice' AND object_id = $1`, [koperwerk])).toBe(1);
  });
});
