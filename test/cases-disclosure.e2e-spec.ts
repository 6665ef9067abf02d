import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, confirmEachBrokered, entryIds, orgId, signDisclosureClause, snapshot, until, uploadList } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { statementsDuring } from './support/statements.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The whole art-22 flow through HTTP, with real mail on a real SMTP server (issue 6 item 3; DOMAIN.md steps 1-8):
 * request by a local partner → Kerngroep ruling with a narrowed scope (nobody recused, art. 84) → consent
 * (approve / restrict / silence) → art-22 clause → access window → disclosed entries → report → blind-index matches
 * → secretariat confirms → dialogue → closed as a joint project.
 */
const YEAR = 2033;

describe('art-22 disclosure case end to end (art. 19, 22, 46-50, 84)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let kivu: Api, monitor: Api, metaalbond: Api, branche: Api, staalwerk: Api, gieterij: Api, koperwerk: Api, metaalbouw: Api,
    chair: Api, secretariat: Api, groene: Api;
  let ids: Record<string, Record<string, string>>;
  let caseId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    [kivu, monitor, metaalbond, branche, staalwerk, gieterij, koperwerk, metaalbouw, chair, secretariat, groene] = await Promise.all(
      ['kivu-mining-watch', 'mensenrechten-monitor', 'metaalbond', 'branche-metaal', 'staalwerk-twente', 'gieterij-de-hoop',
        'koperwerk-zeeland', 'metaalbouw-brabant', 'voorzitter', 'secretariaat', 'groene-keten'].map((s) => as(t, s)),
    );
    await uploadList(t, staalwerk, YEAR, [
      'Kivu Cobalt Mine,Rue du Lac 1,,Goma,CD,Nord-Kivu,mining,cobalt,3+,100 t,exclusive terms',
      'Lubumbashi Copper,Avenue 2,,Lubumbashi,CD,Haut-Katanga,refining,copper,2,,',
      'Zwolse Gieterij,Havenweg 3,8000 AB,Zwolle,NL,NL-OV,manufacturing,steel,1,,',
    ]);
    // The same supplier as Staalwerk's first entry under a spelling variant: the blind index matches them.
    await uploadList(t, gieterij, YEAR, [
      'Kivu Cobalt Mine S.A.R.L.,Rue du Lac 1,,Goma,CD,Nord-Kivu,mining,cobalt;copper,3+,,',
      'Bukavu Smelter,Route 5,,Bukavu,CD,Sud-Kivu,smelting,cobalt,2,,',
    ]);
    await uploadList(t, koperwerk, YEAR, ['Kolwezi Works,Road 9,,Kolwezi,CD,Lualaba,mining,cobalt,3+,,']);
    // Same supplier, but tin: outside every scope of this case, still found by the blind index at brokering (art. 22).
    await uploadList(t, metaalbouw, YEAR, ['Kivu Cobalt Mine,Rue du Lac 1,,Goma,CD,Nord-Kivu,trading,tin,1,,']);
    ids = {
      staalwerk: await entryIds(t, staalwerk, YEAR),
      gieterij: await entryIds(t, gieterij, YEAR),
      koperwerk: await entryIds(t, koperwerk, YEAR),
      metaalbouw: await entryIds(t, metaalbouw, YEAR),
    };
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('step 1: a local partner files a request with scope and grounds; the Kerngroep is told (agenda, art. 48)', async () => {
    const res = await kivu.post('/api/v1/cases', {
      type: 'disclosure',
      grounds: 'Child labour reported at artisanal cobalt and copper sites around Goma',
      scope: { countries: ['CD'], rawMaterials: ['cobalt', 'copper'], year: YEAR },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.id;
    expect(res.body).toMatchObject({ type: 'disclosure', state: 'awaiting_ruling', sponsorConstituency: 'ngos' });
    expect(res.body.sponsor.organisation.id).toBe(await orgId(t, 'mensenrechten-monitor'));
    expect(res.body.consents).toBeUndefined();
    const agenda = await sink.waitFor((m) => m.to.includes('metaalbond@demo.ketenkluis.test') && m.text.includes(caseId));
    expect(agenda.subject).toContain('Kerngroep');
    // Issue 11 changed this rule (art. 84): an art-22 request is not "about" the companies whose lists are in scope,
    // so the companies' seat is not recused and its holder gets the agenda like every seat (before: it was left out,
    // which told the other seats that it sources there, art. 19, 21).
    await sink.waitFor((m) => m.to.includes('voorzitter@demo.ketenkluis.test') && m.text.includes(caseId));
    await sink.waitFor((m) => m.to.includes('staalwerk-twente@demo.ketenkluis.test') && m.text.includes(caseId));
  });

  it('the request is not for a company or a supporter to file, and a local partner cannot file for someone else', async () => {
    expect((await staalwerk.post('/api/v1/cases', { type: 'disclosure', grounds: 'x', scope: { countries: ['CD'] } })).status).toBe(403);
    const bad = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Child labour reported at artisanal cobalt pits around Goma and Bukavu', scope: { countries: ['CD'], rawMaterials: ['cobalt'] }, onBehalfOf: await orgId(t, 'sindicato-potosi') });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('onBehalfOf');
    const noScope = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'x', scope: {} });
    expect(noScope.status).toBe(400);
    expect(noScope.body.details[0].field).toBe('scope.countries');
  });

  it('issue 14, bad input: an art-22 request needs meaningful grounds and a raw material or activity type, each problem at its field, in the person\'s language', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM cases`);
    const bare = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Unsafe pits', scope: { countries: ['CD'] } });
    expect(bare.status).toBe(400);
    expect(bare.body.details.map((d: { field: string }) => d.field)).toEqual(['grounds', 'scope.rawMaterials']);
    expect(bare.body.details[0].problem).toBe('must be longer than or equal to 50 characters'); // ART22_MIN_GROUNDS_LENGTH
    // blanks do not count towards the minimum
    const padded = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: `Unsafe pits${' '.repeat(60)}`, scope: { countries: ['CD'], activityTypes: ['mining'] } });
    expect(padded.status).toBe(400);
    expect(padded.body.details.map((d: { field: string }) => d.field)).toEqual(['grounds']);
    // the same problems in Dutch and French for whoever asks in that language (Accept-Language)
    const nl = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Onveilige putten', scope: { countries: ['CD'] } }).set('accept-language', 'nl-NL,nl;q=0.9');
    expect(nl.body.details[0]).toMatchObject({ field: 'grounds', problem: 'must be longer than or equal to 50 characters', message: 'moet minstens 50 tekens lang zijn' });
    expect(nl.body.details[1].message).toBe('noem minstens één grondstof of soort activiteit (art. 22: de gegevens die relevant zijn voor het gevonden risico)');
    const fr = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Puits dangereux', scope: { countries: ['CD'] } }).set('accept-language', 'fr-CD');
    expect(fr.body.details[0].message).toBe('doit contenir au moins 50 caractères');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(before[0].n);
  });

  it('step 2: the chair narrows the scope; nobody is recused (art. 84); the Kerngroep approves by consensus', async () => {
    // The scope may only narrow (art. 22).
    const wider = await chair.post(`/api/v1/cases/${caseId}/transitions`, { action: 'propose', proposal: { scope: { countries: ['CD', 'RW'], rawMaterials: ['cobalt'], year: YEAR } } });
    expect(wider.status).toBe(400);
    expect(wider.body.details[0].field).toBe('proposal.scope.countries');
    const narrowed = await chair.post(`/api/v1/cases/${caseId}/transitions`, { action: 'propose', proposal: { scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR } } });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    expect(narrowed.body.ruling.proposal.scope.rawMaterials).toEqual(['cobalt']);

    // Issue 11 changed this rule (art. 84): the companies' seat holders list entries in scope, yet they are not
    // recused for an art-22 request; Gieterij holds no seat (issue 13), the chair never votes (art. 50).
    expect((await gieterij.post(`/api/v1/cases/${caseId}/votes`, { vote: 'against' })).status).toBe(403);
    expect((await chair.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(403);
    expect((await staalwerk.get(`/api/v1/cases/${caseId}`)).body.deliberation).toBeDefined();
    const sub = await chair.post(`/api/v1/cases/${caseId}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'metaalbouw-brabant') });
    expect(sub.status, JSON.stringify(sub.body)).toBe(409);

    for (const [who, seat] of [[metaalbond, 'unions'], [monitor, 'ngos'], [branche, 'branch_orgs']] as const) {
      const v = await who.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
      expect(v.status, JSON.stringify(v.body)).toBe(201);
      expect(v.body).toMatchObject({ status: 'recorded', seat });
    }
    const last = await staalwerk.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for', reason: 'well founded' });
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'consensus', seat: 'companies', capacity: 'fixed' });
  });

  it('art. 48: every party sees the headline minutes; only the Kerngroep and the secretariat see the deliberation', async () => {
    const headlines = await groene.get('/api/v1/kerngroep/rulings');
    expect(headlines.status).toBe(200);
    const mine = headlines.body.items.find((h: { caseId: string }) => h.caseId === caseId);
    expect(mine).toMatchObject({ outcome: 'approved', basis: 'consensus', stage: 'decided' });
    expect(JSON.stringify(mine)).not.toContain('metaalbouw');
    expect((await kivu.get('/api/v1/kerngroep/rulings')).status).toBe(403); // a local partner is no party

    const asRequester = await kivu.get(`/api/v1/cases/${caseId}`);
    expect(asRequester.body.ruling).toMatchObject({ outcome: 'approved', basis: 'consensus' });
    expect(asRequester.body.deliberation).toBeUndefined();
    // Closed meetings (art. 48): the requester's timeline names no voter, not even the one whose vote decided.
    const decided = asRequester.body.timeline.find((e: { action: string }) => e.action === 'ruling-approved');
    expect(decided).toMatchObject({ by: null, to: 'awaiting_consent' });
    expect(JSON.stringify(asRequester.body.timeline)).not.toMatch(/Mo Metaal|Mira Monitor|Bert Branche|Tessa Twente|Staalwerk/);
    const asMember = await metaalbond.get(`/api/v1/cases/${caseId}`);
    expect(asMember.body.deliberation.votes).toHaveLength(4);
    expect(asMember.body.deliberation.seats.every((s: { isRecused: boolean }) => !s.isRecused)).toBe(true);
    const asSecretariat = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(asSecretariat.body.deliberation.votes.map((v: { capacity: string }) => v.capacity)).toEqual(['fixed', 'fixed', 'fixed', 'fixed']);
  });

  it('step 3: every company with entries in the narrowed scope is asked for consent by mail, with a deadline', async () => {
    const res = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(res.body.state).toBe('awaiting_consent');
    expect(res.body.consents.map((c: { company: { name: string } }) => c.company.name).sort()).toEqual(
      ['Gieterij De Hoop B.V.', 'Koperwerk Zeeland B.V.', 'Staalwerk Twente B.V.'],
    );
    expect(res.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['consent']);
    for (const slug of ['staalwerk-twente', 'gieterij-de-hoop', 'koperwerk-zeeland']) {
      const mail = await sink.waitFor((m) => m.to.includes(`${slug}@demo.ketenkluis.test`) && m.subject.includes('toestemming'));
      expect(mail.text).toContain(caseId);
      expect(mail.text).not.toMatch(/Kivu Cobalt|Goma|Bukavu/);
    }
    expect(sink.messages.some((m) => m.to.includes('metaalbouw-brabant@demo.ketenkluis.test') && m.subject.includes('toestemming'))).toBe(false);
  });

  it('consent: a company approves, another restricts two entries to country level; neither sees the other, the requester sees neither', async () => {
    const approve = await staalwerk.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' });
    expect(approve.status, JSON.stringify(approve.body)).toBe(201);
    expect(approve.body.myConsent.status).toBe('approved');
    // Issue 14: each entry also carries its facts and what each answer reveals (test/case-subjects.e2e-spec.ts).
    expect(approve.body.myConsent.entries.map(({ id, level }: { id: string; level: string }) => ({ id, level }))).toEqual([{ id: ids.staalwerk['Kivu Cobalt Mine'], level: 'full' }]);
    // An entry of another company cannot be restricted by this one.
    const foreign = await gieterij.post(`/api/v1/cases/${caseId}/consents`, { decision: 'restrict', locations: [{ id: ids.staalwerk['Kivu Cobalt Mine'], level: 'country' }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].field).toBe('locations[0].id');
    // Gieterij restricts its entry of the supplier Staalwerk consents to as well (art. 19: its own entry, its choice).
    const restrict = await gieterij.post(`/api/v1/cases/${caseId}/consents`, {
      decision: 'restrict',
      locations: [{ id: ids.gieterij['Bukavu Smelter'], level: 'country' }, { id: ids.gieterij['Kivu Cobalt Mine S.A.R.L.'], level: 'country' }],
    });
    expect(restrict.status).toBe(201);

    const g = await gieterij.get(`/api/v1/cases/${caseId}`);
    expect(g.body.consents).toBeUndefined();
    // Issue 13 changed this (art. 47): the companies' deputy is Staalwerk's own second person, so Gieterij holds no
    // seat any more; it is only asked for consent and sees neither the deliberation nor the timeline, and nothing of
    // its case names Staalwerk, least of all Staalwerk's consent.
    expect(g.body.deliberation).toBeUndefined();
    expect(g.body.timeline).toBeUndefined();
    expect(JSON.stringify(g.body)).not.toContain('Staalwerk');
    // Art. 23 (issue 11): who in the producing country asked is for the Kerngroep, the chair, the secretariat and the
    // affiliated party only; Gieterij and Koperwerk (only asked for consent) do not see it.
    expect(g.body.requester).toBeUndefined();
    expect(JSON.stringify(g.body)).not.toMatch(/Kivu Mining Watch|kivu-mining-watch/);
    const k = await koperwerk.get(`/api/v1/cases/${caseId}`);
    expect(k.status).toBe(200);
    expect(k.body.requester).toBeUndefined();
    expect(JSON.stringify(k.body)).not.toMatch(/Kivu Mining Watch|kivu-mining-watch/);
    const r = await kivu.get(`/api/v1/cases/${caseId}`);
    expect(r.body.consents).toBeUndefined();
    expect(r.body.myConsent).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toMatch(/Staalwerk|Gieterij|Koperwerk/);
    // Not a company in this case: no consent to give.
    expect((await metaalbouw.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' })).status).toBe(403);
  });

  it('the requester cannot close the consent round; the secretariat does, and silence is not consent', async () => {
    const before = await snapshot(t, caseId);
    const mine = await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-consent' });
    expect(mine.status).toBe(403);
    expect(await snapshot(t, caseId)).toBe(before);
    const early = await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' });
    expect(early.status).toBe(409);
    expect(await snapshot(t, caseId)).toBe(before);

    const close = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-consent' });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    expect(close.body.state).toBe('awaiting_access');
    expect(close.body.consents.find((c: { company: { name: string } }) => c.company.name === 'Koperwerk Zeeland B.V.').status).toBe('silent');
    await sink.waitFor((m) => m.to.includes('kivu-mining-watch@demo.ketenkluis.test') && /clause de confidentialité/.test(m.subject)); // Kivu's people read French (demo seed, issue 14 item 6)
  });

  it('step 4: access opens only after the requester signed the art-22 clause', async () => {
    const unsigned = await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.missing).toContain('nda:disclosure');
    expect((await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`)).status).toBe(403);
    await signDisclosureClause(kivu, 'Amani Kivu');
    const open = await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect(open.body.state).toBe('access_open');
    expect(new Date(open.body.access.closesAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await sink.waitFor((m) => m.to.includes('kivu-mining-watch@demo.ketenkluis.test') && /accès ouvert jusqu’au/.test(m.subject));
  });

  it('step 5: the requester sees one row per supplier: identity where consented, generalised where restricted, silent entries only as counts; never the company; every view audited', async () => {
    const { result: res, statements } = await statementsDuring(() => kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // issue 18: the entries and their companies' data keys come in one statement (one round trip, one snapshot)
    const keyReads = statements.filter((x) => x.text.includes('company_data_keys'));
    expect(keyReads.map((x) => x.text.includes('FROM production_locations WHERE id = ANY'))).toEqual([true]);
    const byId = new Map(res.body.items.map((e: { id: string }) => [e.id, e]));
    // Four entries in scope: Koperwerk stayed silent, so its entry is only counted (issue 11, art. 19: silence is decline,
    // declined entries only in aggregated form); three answered entries, two suppliers: Kivu Cobalt Mine, listed by
    // Staalwerk and Gieterij, is ONE row, so the requester cannot tell how many member companies buy from it (art. 22).
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBe(2);
    // One silent company: below the threshold of 3 companies, so no count is published at all (not even a zero).
    expect(res.body.aggregated).toEqual({ minCompanies: 3, cells: [] });
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['activityType', 'address', 'city', 'country', 'id', 'level', 'postcode', 'rawMaterials', 'region', 'regionName', 'shredded', 'supplierName', 'tier'],
    );
    // Staalwerk consented (full), Gieterij restricted its entry to country: the merged row is at the most revealing
    // level, with Staalwerk's entry as its ref and Staalwerk's spelling and data; Gieterij's entry adds nothing to it.
    expect(byId.get(ids.staalwerk['Kivu Cobalt Mine'])).toMatchObject({
      level: 'full', supplierName: 'Kivu Cobalt Mine', address: 'Rue du Lac 1', city: 'Goma', region: 'Nord-Kivu', country: 'CD',
      activityType: 'mining', tier: 3, shredded: false, rawMaterials: ['cobalt'], // not Gieterij's copper: its entry is at country level
    });
    expect(byId.has(ids.gieterij['Kivu Cobalt Mine S.A.R.L.'])).toBe(false);
    expect(res.body.items.filter((e: { supplierName: string | null }) => e.supplierName !== null)).toHaveLength(1);
    expect(byId.get(ids.gieterij['Bukavu Smelter'])).toMatchObject({ level: 'country', supplierName: null, city: null, region: null, country: 'CD' });
    expect(byId.has(ids.koperwerk['Kolwezi Works'])).toBe(false);
    // The narrowed scope left copper out; the buying company and competition-sensitive fields never appear.
    expect(byId.has(ids.staalwerk['Lubumbashi Copper'])).toBe(false);
    const dump = JSON.stringify(res.body);
    for (const secret of ['organisationId', 'Staalwerk', 'Gieterij', 'Koperwerk', '100 t', 'exclusive terms', 'volume', 'contractNotes', 'Bukavu', 'Kolwezi', 'S.A.R.L', 'copper', 'supplierIndex', 'supplier_key']) {
      expect(dump).not.toContain(secret);
    }
    // The audit entry names every entry of the shown rows (what the view discloses), each with its own level and row.
    const [named] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'production-locations.disclose'`);
    expect(
      named.details.entries.map((e: { id: string; level: string; row: string }) => [e.id, e.level, e.row]).sort(),
    ).toEqual([
      [ids.staalwerk['Kivu Cobalt Mine'], 'full', ids.staalwerk['Kivu Cobalt Mine']],
      [ids.gieterij['Kivu Cobalt Mine S.A.R.L.'], 'country', ids.staalwerk['Kivu Cobalt Mine']],
      [ids.gieterij['Bukavu Smelter'], 'country', ids.gieterij['Bukavu Smelter']],
    ].sort());
    const audit = await t.db.query(`SELECT actor_organisation_id, grant_type, grant_id FROM audit_log WHERE action = 'production-locations.disclose'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_organisation_id: await orgId(t, 'kivu-mining-watch'), grant_id: caseId });
    await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'production-locations.disclose'`))[0].n).toBe(2);

    // Never the buying company, never the sponsor (the data is for the local partner), never a Kerngroep member.
    for (const who of [staalwerk, monitor, metaalbond, secretariat]) {
      expect([403, 404]).toContain((await who.get(`/api/v1/cases/${caseId}/disclosed-locations`)).status);
    }
  });

  it('step 6-7: the requester reports the merged row; the blind index finds every company listing that supplier; the secretariat confirms', async () => {
    const notInCase = await kivu.post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [ids.metaalbouw['Kivu Cobalt Mine']], description: 'x' });
    expect(notInCase.status).toBe(400);
    expect(notInCase.body.details[0].field).toBe('locationRefs[0]');
    const res = await kivu.post(`/api/v1/cases/${caseId}/reports`, {
      locationRefs: [ids.staalwerk['Kivu Cobalt Mine']],
      description: 'Children under 15 seen working at the washing ponds',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.state).toBe('reported');
    // Before the secretariat confirms, the requester is told no company names.
    expect(res.body.brokeredCompanies).toEqual([]);
    await sink.waitFor((m) => m.to.includes('secretariaat@demo.ketenkluis.test') && m.subject.includes('risico'));

    const found = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(found.body.brokeredCompanies.map((b: { name: string; confirmed: boolean }) => [b.name, b.confirmed])).toEqual([
      ['Gieterij De Hoop B.V.', false], ['Metaalbouw Brabant B.V.', false], ['Staalwerk Twente B.V.', false],
    ]);
    // The brokered company is no participant yet.
    expect((await metaalbouw.post(`/api/v1/cases/${caseId}/messages`, { body: 'hello' })).status).toBe(403);

    // Art. 22 (issue 11): one company at a time, never "confirm all".
    const all = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering' });
    expect(all.status).toBe(400);
    expect(all.body.details[0].field).toBe('companyId');
    expect(await confirmEachBrokered(t, secretariat, caseId)).toEqual(['Gieterij De Hoop B.V.', 'Metaalbouw Brabant B.V.', 'Staalwerk Twente B.V.']);
    const confirm = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(confirm.body.state).toBe('in_dialogue');
    for (const slug of ['staalwerk-twente', 'gieterij-de-hoop', 'metaalbouw-brabant']) {
      const mail = await sink.waitFor((m) => m.to.includes(`${slug}@demo.ketenkluis.test`) && m.subject.includes('leverancier'));
      expect(mail.text).not.toContain('Kivu Cobalt');
    }
  });

  it('step 8: the dialogue between companies, requester, constituency and secretariat; closed as a joint project', async () => {
    const m1 = await metaalbouw.post(`/api/v1/cases/${caseId}/messages`, { body: 'We will visit the site with our supplier' });
    expect(m1.status, JSON.stringify(m1.body)).toBe(201);
    const m2 = await kivu.post(`/api/v1/cases/${caseId}/messages`, { body: 'We can join the visit', kind: 'message' });
    expect(m2.status).toBe(201);
    const m3 = await secretariat.post(`/api/v1/cases/${caseId}/messages`, { body: 'Joint remediation plan for the ponds', kind: 'agreed-action' });
    expect(m3.status).toBe(201);
    await sink.waitFor((m) => m.to.includes('kivu-mining-watch@demo.ketenkluis.test') && /nouveau message/.test(m.subject));
    // Koperwerk was asked for consent but sources elsewhere: not in the dialogue.
    expect((await koperwerk.post(`/api/v1/cases/${caseId}/messages`, { body: 'hi' })).status).toBe(403);
    const view = await gieterij.get(`/api/v1/cases/${caseId}`);
    expect(view.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['message', 'message', 'agreed-action']);
    // Art. 23, safety of stakeholders (issue 11): a company in the dialogue sees the sponsoring constituency only —
    // not the local partner, its affiliation or who of them wrote; not in the fields, the timeline or the messages.
    const brokered = await metaalbouw.get(`/api/v1/cases/${caseId}`);
    expect(brokered.status).toBe(200);
    expect(brokered.body).toMatchObject({ sponsorConstituency: 'ngos' });
    for (const field of ['requester', 'onBehalfOf', 'sponsor']) expect(brokered.body[field], field).toBeUndefined();
    expect(JSON.stringify(brokered.body)).not.toMatch(/Kivu Mining Watch|Amani Kivu|Mensenrechten Monitor|Mira Monitor/);
    expect(brokered.body.messages[1]).toMatchObject({ author: null, organisation: null, constituency: 'ngos', body: 'We can join the visit' });
    expect(brokered.body.timeline.find((e: { action: string }) => e.action === 'filed').by).toEqual({ person: null, organisation: null, constituency: 'ngos' });

    const notYours = await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-joint-project' });
    expect(notYours.status).toBe(403);
    // A joint project may link other art-22 cases (art. 22: systemic risks); a link to anything else changes nothing.
    const before = await snapshot(t, caseId);
    const badLink = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-joint-project', linkedCaseIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.details[0].field).toBe('linkedCaseIds[0]');
    expect(await snapshot(t, caseId)).toBe(before);
    const close = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-joint-project' });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    expect(close.body.state).toBe('closed_joint_project');
    await sink.waitFor((m) => m.to.includes('metaalbouw-brabant@demo.ketenkluis.test') && m.subject.includes('zaak gesloten'));
    const after = await kivu.post(`/api/v1/cases/${caseId}/messages`, { body: 'late' });
    expect(after.status).toBe(409);
  });

  it('the timeline records every step with who and when; the requester does not see who consented', async () => {
    const secr = await secretariat.get(`/api/v1/cases/${caseId}`);
    const actions = secr.body.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['filed', 'ruling.propose', 'ruling.vote', 'ruling-approved', 'consent', 'close-consent', 'open-access', 'report.filed', 'brokering.found', 'confirm-brokering', 'message', 'agreed-action', 'close-joint-project']));
    const req = await kivu.get(`/api/v1/cases/${caseId}`);
    const reqActions = req.body.timeline.map((e: { action: string }) => e.action);
    expect(reqActions).not.toContain('consent');
    expect(reqActions).not.toContain('ruling.vote');
    expect(reqActions).toContain('open-access');
    // Not even how many companies were asked or stayed silent.
    expect(JSON.stringify(req.body.timeline)).not.toMatch(/companiesAsked|silent/);
    expect(JSON.stringify(secr.body.timeline)).toMatch(/companiesAsked/);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [caseId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['cases.file', 'kerngroep.vote', 'cases.consent', 'cases.transition', 'cases.message']));
  });

  it('an NGO party files on behalf of the local partner affiliated to it; the partner follows the case and is the one to see the data', async () => {
    const res = await monitor.post('/api/v1/cases', { type: 'disclosure', grounds: 'Our partner reports forced evictions around mining concessions', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR }, onBehalfOf: await orgId(t, 'kivu-mining-watch') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.requester.id).toBe(await orgId(t, 'mensenrechten-monitor'));
    expect(res.body.onBehalfOf.id).toBe(await orgId(t, 'kivu-mining-watch'));
    const partner = await kivu.get(`/api/v1/cases/${res.body.id}`);
    expect(partner.status).toBe(200);
    // Only for a partner affiliated to the filing party (art. 22): not for Metaalbond's partner.
    const other = await monitor.post('/api/v1/cases', { type: 'disclosure', grounds: 'Child labour reported at artisanal cobalt pits around Goma and Bukavu', scope: { countries: ['BO'], rawMaterials: ['tin'] }, onBehalfOf: await orgId(t, 'sindicato-potosi') });
    expect(other.status).toBe(400);
    expect(other.body.details[0].field).toBe('onBehalfOf');
    // Withdrawn by the party that filed it; the case is then closed for everyone.
    expect((await monitor.post(`/api/v1/cases/${res.body.id}/transitions`, { action: 'withdraw' })).body.state).toBe('withdrawn');
  });

  it('no supplier NAW in any mail or log line of the whole flow', async () => {
    const logs = t.logs();
    for (const naw of ['Kivu Cobalt Mine', 'Rue du Lac', 'Bukavu Smelter', 'Route 5', 'Kolwezi Works', 'Road 9', 'Lubumbashi Copper']) {
      expect(logs).not.toContain(naw);
      expect(sink.messages.filter((m) => m.raw.includes(naw))).toEqual([]);
    }
    expect(sink.messages.length).toBeGreaterThan(20);
  });

  it('GET /cases lists only the caller\'s cases, paged', async () => {
    const mine = await kivu.get('/api/v1/cases?pageSize=10');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 2, page: 1, pageSize: 10 });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const paged = await kivu.get('/api/v1/cases?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ total: 2, page: 2 });
    expect(paged.body.items).toHaveLength(1);
    const none = await (await as(t, 'precisie-delft')).get('/api/v1/cases');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ total: 0, items: [] });
    const all = await secretariat.get('/api/v1/cases?type=disclosure');
    expect(all.body.total).toBe(2);
    expect((await secretariat.get('/api/v1/cases?type=complaint')).body.total).toBe(0);
    expect((await secretariat.get('/api/v1/cases?pageSize=500')).status).toBe(400);
  });
  it('one row per supplier when both companies restrict: at the most revealing level of the two, and its report still brokers both', async () => {
    const year = YEAR + 1;
    // Two suppliers, each listed by both companies under spelling variants (blind index); no other entries in scope.
    await uploadList(t, koperwerk, year, [
      'Tanganyika Tin Works,Quai 4,,Kalemie,CD,Tanganyika,smelting,tin,2,,',
      'Manono Mine,Avenue 7,,Manono,CD,Tanganyika,mining,tin,3+,,',
    ]);
    await uploadList(t, metaalbouw, year, [
      'TANGANYIKA TIN WORKS S.A.,Quai 4,,Kalemie,CD,Tanganyika,smelting,tin,1,,',
      'Manono Mine SARL,Avenue 7,,Manono,CD,Tanganyika,trading,tin,1,,',
    ]);
    const k = await entryIds(t, koperwerk, year);
    const mb = await entryIds(t, metaalbouw, year);
    const filed = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Forced labour reported at artisanal tin sites near Kalemie', scope: { countries: ['CD'], rawMaterials: ['tin'], year } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    // Staalwerk (the companies seat) has no entries in this scope: not concerned, it votes itself.
    for (const who of [metaalbond, monitor, branche, staalwerk]) expect((await who.post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(201);
    // Art. 19: each company restricts its own entries; Koperwerk allows the region for one supplier, Metaalbouw
    // only the country for both.
    const k1 = await koperwerk.post(`/api/v1/cases/${id}/consents`, {
      decision: 'restrict',
      locations: [{ id: k['Tanganyika Tin Works'], level: 'region' }, { id: k['Manono Mine'], level: 'country' }],
    });
    expect(k1.status, JSON.stringify(k1.body)).toBe(201);
    const m1 = await metaalbouw.post(`/api/v1/cases/${id}/consents`, {
      decision: 'restrict',
      locations: [{ id: mb['TANGANYIKA TIN WORKS S.A.'], level: 'country' }, { id: mb['Manono Mine SARL'], level: 'country' }],
    });
    expect(m1.status, JSON.stringify(m1.body)).toBe(201);
    expect((await kivu.post(`/api/v1/cases/${id}/transitions`, { action: 'open-access' })).status).toBe(200);

    const res = await kivu.get(`/api/v1/cases/${id}/disclosed-locations`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Four entries, two suppliers, two rows: neither a full nor a generalised row lets the requester count buyers.
    expect(res.body.total).toBe(2);
    const byId = new Map(res.body.items.map((e: { id: string }) => [e.id, e]));
    // Region (Koperwerk) and country (Metaalbouw): one row at region, from Koperwerk's entry, no identity.
    expect(byId.get(k['Tanganyika Tin Works'])).toMatchObject({
      level: 'region', region: 'Tanganyika', country: 'CD', supplierName: null, address: null, postcode: null, city: null,
      activityType: 'smelting', tier: 2, rawMaterials: ['tin'],
    });
    // Both at country: one row at country, its ref the smaller of the two entry ids (stable between views).
    const manonoRef = [k['Manono Mine'], mb['Manono Mine SARL']].sort()[0];
    expect(byId.get(manonoRef)).toMatchObject({ level: 'country', region: null, supplierName: null, city: null, country: 'CD', rawMaterials: ['tin'] });
    const again = await kivu.get(`/api/v1/cases/${id}/disclosed-locations`);
    expect(again.body.items.map((e: { id: string }) => e.id).sort()).toEqual([...byId.keys()].sort());
    expect(JSON.stringify(res.body)).not.toMatch(/Koperwerk|Metaalbouw|Manono Mine|Tanganyika Tin|TANGANYIKA|Quai 4|Avenue 7|Kalemie|organisationId/);

    // The requester names the generalised row: the blind index still finds both companies (art. 22 step 7).
    const reported = await kivu.post(`/api/v1/cases/${id}/reports`, { locationRefs: [manonoRef], description: 'Debt bondage at the Manono pits' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.brokeredCompanies).toEqual([]);
    const found = await secretariat.get(`/api/v1/cases/${id}`);
    expect(found.body.brokeredCompanies.map((b: { name: string }) => b.name)).toEqual(['Koperwerk Zeeland B.V.', 'Metaalbouw Brabant B.V.']);
    const logs = t.logs();
    for (const naw of ['Tanganyika Tin Works', 'TANGANYIKA TIN', 'Quai 4', 'Manono Mine', 'Avenue 7']) expect(logs).not.toContain(naw);
  });
});
