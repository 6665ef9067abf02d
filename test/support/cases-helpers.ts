import supertest from 'supertest';
import { demoEmail } from '../../src/database/seed/demo-sector.data.js';
import type { TestApp } from './test-app.js';

/** Helpers shared by the cases and Kerngroep suites (issue 6): logins by demo slug, lists, NDA, polling. */

export const email = demoEmail;

const CSV_HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume,contract_notes';

export interface Api {
  token: string;
  get(path: string): supertest.Test;
  post(path: string, body?: unknown): supertest.Test;
}

export async function as(t: TestApp, slugOrEmail: string): Promise<Api> {
  const token = await t.login(slugOrEmail.includes('@') ? slugOrEmail : email(slugOrEmail));
  return {
    token,
    get: (path) => t.http().get(path).set('authorization', `Bearer ${token}`),
    post: (path, body) => t.http().post(path).set('authorization', `Bearer ${token}`).send(body as object),
  };
}

export async function orgId(t: TestApp, slug: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`no organisation ${slug}`);
  return row.id;
}

/** Uploads a company's production-location list for `year` through the registry's route, as the company does. */
export async function uploadList(t: TestApp, company: Api, year: number, rows: string[]): Promise<void> {
  const res = await t
    .http()
    .post(`/api/v1/production-locations/uploads?year=${year}`)
    .set('authorization', `Bearer ${company.token}`)
    .attach('file', Buffer.from([CSV_HEADER, ...rows].join('\n') + '\n'), 'list.csv');
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The ids of a company's entries of `year`, by supplier name (the company reads its own list). */
export async function entryIds(t: TestApp, company: Api, year: number): Promise<Record<string, string>> {
  const res = await company.get(`/api/v1/production-locations?year=${year}&pageSize=500`);
  if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.fromEntries(res.body.items.map((i: { supplierName: string; id: string }) => [i.supplierName, i.id]));
}

/** Signs the standard art-22 clause (NDA kind `disclosure`) through the NDA routes, with the current text's hash. */
export async function signDisclosureClause(who: Api, signerName: string): Promise<void> {
  const texts = await who.get('/api/v1/ndas/texts');
  if (texts.status !== 200) throw new Error(`GET /ndas/texts: ${texts.status} ${JSON.stringify(texts.body)}`);
  const text = (texts.body as Array<{ kind: string; sha256: string }>).find((x) => x.kind === 'disclosure');
  if (!text) throw new Error('no current disclosure text');
  const res = await who.post('/api/v1/ndas/signatures', { kind: 'disclosure', sha256: text.sha256, signerName });
  if (res.status !== 201) throw new Error(`sign: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function until<T>(check: () => Promise<T | false | null | undefined> | T | false | null | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Everything about a case that must not change when a request is refused: state, version, events, votes, audit. */
export async function snapshot(t: TestApp, caseId: string): Promise<string> {
  const [c] = await t.db.query(`SELECT state, version, updated_at, approved_scope, access_closes_at FROM cases WHERE id = $1`, [caseId]);
  const [n] = await t.db.query(
    `SELECT (SELECT count(*) FROM case_events WHERE case_id = $1)::int AS events,
            (SELECT count(*) FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE r.case_id = $1)::int AS votes,
            (SELECT count(*) FROM case_deadlines WHERE case_id = $1)::int AS deadlines,
            (SELECT count(*) FROM case_messages WHERE case_id = $1)::int AS messages,
            (SELECT count(*) FROM outbox)::int AS mails,
            (SELECT count(*) FROM audit_log WHERE object_id = $1::text)::int AS audit`,
    [caseId],
  );
  return JSON.stringify({ c, n });
}

/**
 * Art. 22 brokering: the secretariat confirms each company the blind index found, one at a time (there is no
 * "confirm all"). Returns the confirmed companies' names in the order confirmed.
 */
export async function confirmEachBrokered(t: TestApp, secretariat: Api, caseId: string): Promise<string[]> {
  const found = await secretariat.get(`/api/v1/cases/${caseId}`);
  const open = (found.body.brokeredCompanies as Array<{ id: string; name: string; confirmed: boolean }>).filter((b) => !b.confirmed);
  for (const b of open) {
    const res = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyId: b.id });
    if (res.status !== 200) throw new Error(`confirm ${b.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return open.map((b) => b.name);
}

/**
 * Art. 83: before the Kerngroep votes on a complaint, the secretariat declares it admissible (it is about lack of
 * progress on a commitment). Suites that test the ruling on a complaint take this step right after filing.
 */
export async function admitComplaint(t: TestApp, caseId: string): Promise<void> {
  const secretariat = await as(t, 'secretariaat');
  const res = await secretariat.post(`/api/v1/cases/${caseId}/admissibility`, {
    admissible: true,
    reason: 'lack-of-progress',
    explanation: 'The complaint is about lack of progress on the plan of action (art. 83)',
    commitment: { kind: 'plan-of-action' },
  });
  if (res.status !== 200) throw new Error(`admissibility: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * A complaint about a participating company's lack of progress (art. 83), filed by `complainant` and declared
 * admissible, so the Kerngroep has to rule on it: the set-up of every ruling suite.
 */
export async function admittedComplaint(t: TestApp, complainant: Api, about: string, extra: { commitment?: unknown } = {}): Promise<string> {
  const res = await complainant.post('/api/v1/cases', { type: 'complaint', grounds: 'No progress on the plan of action for two years', companyId: await orgId(t, about), ...extra });
  if (res.status !== 201) throw new Error(`complaint: ${res.status} ${JSON.stringify(res.body)}`);
  await admitComplaint(t, res.body.id);
  return res.body.id as string;
}

/** Each seat (or party) of `votes` casts its vote on the case through the API, as its demo person. */
export async function castVotes(t: TestApp, caseId: string, votes: Array<[slug: string, vote: string]>): Promise<void> {
  for (const [slug, vote] of votes) {
    const res = await (await as(t, slug)).post(`/api/v1/cases/${caseId}/votes`, { vote });
    if (res.status !== 201) throw new Error(`vote of ${slug}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
