import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, type Api, as, orgId } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 13, part 2: a seat changes hands while votes are open. An open vote keeps the holders it started with
 * (art. 47, 49), unless the change says `openVotes: transfer`, which moves the open votes the seat has not cast yet
 * to the new holders. A vote opened after the change has the new holders. Through HTTP on the demo sector.
 */
describe('Kerngroep seat changes and open votes (art. 46-47, 49)', () => {
  let t: TestApp;
  const who: Record<string, Api> = {};
  let today = '';
  let ilse = '';
  let newDeputy = '';

  beforeAll(async () => {
    t = await startTestApp();
    for (const s of ['secretariaat', 'groene-keten', 'metaalbond', 'vakbond-industrie', 'metaalbond-2@demo.ketenkluis.test']) who[s] = await as(t, s);
    today = (await t.db.query(`SELECT to_char(agreement_today(), 'YYYY-MM-DD') AS d`))[0].d;
    ilse = (await t.db.query(`SELECT id FROM people WHERE email = 'vakbond-industrie@demo.ketenkluis.test'`))[0].id;
    const invited = await who['secretariaat'].post(`/api/v1/organisations/${await orgId(t, 'vakbond-industrie')}/people`, { name: 'Ivo Industrie', email: 'ivo@vakbond-industrie.example' });
    expect(invited.status).toBe(201);
    newDeputy = invited.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const complaint = () => admittedComplaint(t, who['groene-keten'], 'precisie-delft');
  const vote = (slug: string, id: string) => who[slug].post(`/api/v1/cases/${id}/votes`, { vote: 'for' });
  // Issue 11: a party that does not sit on a ruling (its seat snapshot) may not see that case, so its vote gets the
  // identical 404 of an unknown case, no longer a 403.
  const expectNotFound = async (slug: string, id: string) => {
    const unknown = await vote(slug, '00000000-0000-4000-8000-000000000001');
    const res = await vote(slug, id);
    expect(res.status, slug).toBe(404);
    expect(res.text, slug).toBe(unknown.text);
  };
  const assignUnions = async (organisation: string, fixedPersonId: string, deputyPersonId: string, openVotes?: string) =>
    who['secretariaat'].post('/api/v1/kerngroep/seats/unions/terms', {
      organisationId: await orgId(t, organisation), fixedPersonId, deputyPersonId, effectiveFrom: today, decision: 'Kerngroep: the unions rotate the seat', ...(openVotes ? { openVotes } : {}),
    });

  it('an open vote keeps its holders; a vote opened after the change has the new ones; transfer moves the votes not yet cast', async () => {
    const opened = await complaint();

    const change = await assignUnions('vakbond-industrie', ilse, newDeputy);
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    expect(change.body).toMatchObject({ inForce: true, openVotes: 'keep', transferredRulings: [] });
    expect((await who['vakbond-industrie'].get('/api/v1/me')).body.kerngroepSeat).toEqual({ constituency: 'unions', position: 'fixed' });
    expect((await who['metaalbond'].get('/api/v1/me')).body.kerngroepSeat).toBeNull();
    // The holders told by mail: the new ones that they hold it, the old ones that their term ends.
    const mails = await t.db.query(`SELECT to_address, template FROM outbox WHERE template LIKE 'governance.%' ORDER BY to_address`);
    expect(mails).toEqual([
      { to_address: 'ivo@vakbond-industrie.example', template: 'governance.seat-assigned' },
      { to_address: 'metaalbond-2@demo.ketenkluis.test', template: 'governance.seat-ended' },
      { to_address: 'metaalbond@demo.ketenkluis.test', template: 'governance.seat-ended' },
      { to_address: 'vakbond-industrie@demo.ketenkluis.test', template: 'governance.seat-assigned' },
    ]);

    // The vote opened before the change: Metaalbond still holds the seat there; Vakbond Industrie does not.
    await expectNotFound('vakbond-industrie', opened);
    const old = await vote('metaalbond', opened);
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(old.body).toMatchObject({ seat: 'unions', capacity: 'fixed' });
    // Metaalbond still sees the matter it votes on, and the case says whose seat it is there (the page's vote form uses it).
    const seen = await who['metaalbond'].get(`/api/v1/cases/${opened}`);
    expect(seen.body.deliberation.seats.find((s: { seat: string }) => s.seat === 'unions').holderOrganisationId).toBe(await orgId(t, 'metaalbond'));

    // A vote opened after the change: the new holders.
    const after = await complaint();
    await expectNotFound('metaalbond', after);
    expect((await vote('vakbond-industrie', after)).status).toBe(201);

    // Back to Metaalbond, moving the open votes: the matter on which the unions seat has not voted yet moves, the
    // two where it voted keep their vote.
    const pending = await complaint();
    const [pendingRuling] = await t.db.query(`SELECT id FROM rulings WHERE case_id = $1`, [pending]);
    const back = await assignUnions('metaalbond', (await t.db.query(`SELECT id FROM people WHERE email = 'metaalbond@demo.ketenkluis.test'`))[0].id,
      (await t.db.query(`SELECT id FROM people WHERE email = 'metaalbond-2@demo.ketenkluis.test'`))[0].id, 'transfer');
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body.transferredRulings).toEqual([pendingRuling.id]);
    await expectNotFound('vakbond-industrie', pending);
    expect((await vote('metaalbond', pending)).status).toBe(201);

    const history = await who['groene-keten'].get('/api/v1/kerngroep/history');
    expect(history.body.seats.filter((s: { constituency: string }) => s.constituency === 'unions').map((s: { organisation: { slug: string }; inForce: boolean }) => [s.organisation.slug, s.inForce]))
      .toEqual([['metaalbond', true], ['vakbond-industrie', false], ['metaalbond', false]]);
  });

  it('the seat and chair routes are for secretariat staff only; nothing is written on a refusal', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM kerngroep_seat_terms`))[0].n;
    const res = await who['metaalbond'].post('/api/v1/kerngroep/seats/unions/terms', {
      organisationId: await orgId(t, 'metaalbond'), fixedPersonId: ilse, deputyPersonId: newDeputy, effectiveFrom: today, decision: 'x',
    });
    expect(res.status).toBe(403);
    expect((await who['metaalbond'].post('/api/v1/kerngroep/chair/terms', { personId: ilse, effectiveFrom: today, serProposal: 'x', kerngroepDecision: 'y' })).status).toBe(403);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM kerngroep_seat_terms`))[0].n).toBe(before);
  });
});
