import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = '@demo.ketenkluis.test';
const SECRETARIAT = `secretariaat${D}`;
const KIVU_ADMIN = `kivu-mining-watch${D}`;
const PASSWORD = 'een-lang-nieuw-wachtwoord';

/**
 * Issue 14, item 6: a person's stored language may be French or Spanish (the local partners in DR Congo and Bolivia),
 * chosen with the invitation; the invitation mail, `/me` and the people list say it, and bad input names the field in
 * the language the page asks for.
 */
describe("a person's language: French and Spanish beside Dutch and English (issue 14, item 6)", () => {
  let sink: SmtpSink;
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });
  const orgId = async (slug: string) => (await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id as string;
  const tokenIn = (text: string) => /\/invitation\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    for (const email of [SECRETARIAT, KIVU_ADMIN]) tokens[email] = await t.login(email);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it("a local partner's admin invites a colleague in French: stored as fr, the mail is French, /me says fr after the link is used", async () => {
    const res = await t.http().post(`/api/v1/organisations/${await orgId('kivu-mining-watch')}/people`).set(as(KIVU_ADMIN))
      .send({ name: 'Espérance Mukeba', email: 'esperance@kivu.test', language: 'fr' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ language: 'fr', status: 'invited' });
    const [row] = await t.db.query(`SELECT language FROM people WHERE email = 'esperance@kivu.test'`);
    expect(row.language).toBe('fr');

    const mail = await sink.waitFor((m) => m.to.includes('esperance@kivu.test'));
    expect(mail.subject).toBe('Ketenkluis: invitation pour Kivu Mining Watch');
    expect(mail.text).toContain('Bonjour Espérance Mukeba');
    expect(mail.text).toContain('Choisissez un mot de passe');
    const [outbox] = await t.db.query(`SELECT language FROM outbox WHERE to_address = 'esperance@kivu.test'`);
    expect(outbox.language).toBe('fr');

    const token = tokenIn(mail.text);
    expect(token).toBeDefined();
    // the invitation page learns the language it opens in
    const check = await t.http().get('/api/v1/invitations/check').query({ token });
    expect(check.body).toMatchObject({ name: 'Espérance Mukeba', language: 'fr' });
    expect((await t.http().post('/api/v1/invitations/accept').send({ token, password: PASSWORD })).status).toBe(200);
    const access = await t.login('esperance@kivu.test', PASSWORD);
    const me = await t.http().get('/api/v1/me').set({ authorization: `Bearer ${access}` });
    expect(me.status).toBe(200);
    expect(me.body.language).toBe('fr');
    expect(me.body.person.language).toBe('fr');
  });

  it('the secretariat invites a person of the Bolivian partner in Spanish: the mail is Spanish', async () => {
    const res = await t.http().post(`/api/v1/organisations/${await orgId('sindicato-potosi')}/people`).set(as(SECRETARIAT))
      .send({ name: 'Rosa Quispe', email: 'rosa@potosi.test', language: 'es' });
    expect(res.status).toBe(201);
    expect(res.body.language).toBe('es');
    const mail = await sink.waitFor((m) => m.to.includes('rosa@potosi.test'));
    expect(mail.subject).toBe('Ketenkluis: invitación para Sindicato Minero de Potosí');
    expect(mail.text).toContain('Elija una contraseña');
    const people = await t.http().get(`/api/v1/organisations/${await orgId('sindicato-potosi')}/people`).set(as(SECRETARIAT));
    expect(people.status).toBe(200);
    const list = Array.isArray(people.body) ? people.body : people.body.items;
    expect(list.find((p: { email: string }) => p.email === 'rosa@potosi.test')?.language).toBe('es');
  });

  it('a language the service does not speak is a 400 at `language`, worded in the language the page asks for, and stores nobody', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM people`);
    const res = await t.http().post(`/api/v1/organisations/${await orgId('kivu-mining-watch')}/people`).set(as(KIVU_ADMIN)).set('accept-language', 'fr')
      .send({ name: 'Jean Test', email: 'jean@kivu.test', language: 'de' });
    expect(res.status).toBe(400);
    const problem = res.body.details.find((d: { field: string }) => d.field === 'language');
    expect(problem.problem).toBe('must be one of the following values: nl, en, fr, es');
    expect(problem.message).toBe('doit être l’une de ces valeurs : nl, en, fr, es');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM people`))[0].n).toBe(before[0].n);
    expect(await t.db.query(`SELECT 1 FROM outbox WHERE to_address = 'jean@kivu.test'`)).toHaveLength(0);
  });

  it('a person chooses their own language (PATCH /me): /me and the next sign-in say it, audited once; `de` is a 400 at `language`', async () => {
    const POTOSI = `sindicato-potosi${D}`;
    const token = await t.login(POTOSI);
    const me = () => t.http().get('/api/v1/me').set({ authorization: `Bearer ${token}` });
    const choose = (language: string) => t.http().patch('/api/v1/me').set({ authorization: `Bearer ${token}` }).set('accept-language', 'es').send({ language });
    const audited = async () => (await t.db.query(`SELECT details FROM audit_log WHERE action = 'people.language' AND object_id = (SELECT id::text FROM people WHERE email = $1)`, [POTOSI])) as Array<{ details: { from: string; to: string } }>;
    // the demo seeds the Bolivian partner's people in Spanish (issue 14, item 6); she switches to English
    expect((await me()).body.language).toBe('es');

    const res = await choose('en');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ language: 'en' });
    expect((await me()).body.person.language).toBe('en');
    expect((await t.http().get('/api/v1/me').set({ authorization: `Bearer ${await t.login(POTOSI)}` })).body.language).toBe('en');
    expect((await t.db.query(`SELECT language FROM people WHERE email = $1`, [POTOSI]))[0].language).toBe('en');
    expect((await choose('en')).status).toBe(200); // the same again changes nothing
    expect((await audited()).map((a) => a.details)).toEqual([{ from: 'es', to: 'en' }]);

    const bad = await choose('de');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'language', message: 'debe ser uno de estos valores: nl, en, fr, es' })]);
    expect((await t.db.query(`SELECT language FROM people WHERE email = $1`, [POTOSI]))[0].language).toBe('en');
    expect((await t.http().patch('/api/v1/me').send({ language: 'fr' })).status).toBe(401);
  });

  it('the database refuses a language outside the four', async () => {
    await expect(t.db.query(`UPDATE people SET language = 'de' WHERE email = $1`, [KIVU_ADMIN])).rejects.toThrow(/people_language_check/);
    await t.db.query(`UPDATE people SET language = 'es' WHERE email = $1`, [KIVU_ADMIN]);
    expect((await t.db.query(`SELECT language FROM people WHERE email = $1`, [KIVU_ADMIN]))[0].language).toBe('es');
  });
});
