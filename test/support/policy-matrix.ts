import type { Response } from 'supertest';
import { AuthService } from '../../src/auth/auth.service.js';
import { ORGANISATION_KINDS, type OrganisationKind, type Role } from '../../src/common/caller.js';
import { NDA_KINDS, type NdaKind } from '../../src/policies/subjects.js';
import type { TestApp } from './test-app.js';

/**
 * The policy matrix helper (issue 4, "The matrix"): builds callers in every situation directly in PostgreSQL (fast),
 * then checks what they may do THROUGH HTTP, against expectations an area writes down from the agreement — never
 * derived from the policy files themselves. Reusable by every area:
 *
 *   const callers = await createMatrixCallers(t, matrixSituations());
 *   const m = new PolicyMatrix();
 *   for (const c of callers) await m.check(c, 'read MonitoringResult of another company',
 *     () => t.http().get(url).set(c.auth), { status: expectStatus(c) }, (body) => fieldProblem(body));
 *   m.report(); // prints the number of cases; expect(m.mismatches).toEqual([])
 */

export const PARTY_KINDS: readonly OrganisationKind[] = ['company', 'ngo', 'union', 'branch_org'];
export const isPartyKind = (kind: OrganisationKind) => PARTY_KINDS.includes(kind);

/** The states an NDA of one kind can be in for an organisation (DOMAIN.md: only `active` grants anything). */
export const NDA_STATES = ['none', 'active', 'expired', 'revoked', 'older-version'] as const;
export type NdaState = (typeof NDA_STATES)[number];

export interface MatrixSituation {
  kind: OrganisationKind;
  roles: Role[];
  /** the state of each NDA kind for the caller's organisation (absent = none) */
  ndas: Partial<Record<NdaKind, NdaState>>;
  /** module participation (art. 13, footnote 4) */
  modules: string[];
}

export interface MatrixCaller extends MatrixSituation {
  label: string;
  organisationId: string;
  personId: string;
  token: string;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()` */
  auth: { Authorization: string };
  /** signature ids of the caller's organisation per NDA kind (when the state is not `none`) */
  signatureIds: Partial<Record<NdaKind, string>>;
  /** true when the NDA kind is in the only state that grants access */
  ndaActive(kind: NdaKind): boolean;
  inModule: boolean;
  isParty: boolean;
}

/** The role sets a person of each organisation kind can hold (secretariat staff only at the secretariat). */
export function roleSetsFor(kind: OrganisationKind): Role[][] {
  if (kind === 'secretariat') return [['member'], ['member', 'secretariat_staff'], ['member', 'org_admin', 'secretariat_staff']];
  return [['member'], ['member', 'org_admin']];
}

/**
 * Every organisation kind × role set × state of `ndaKind` × module participation (yes/no). Other NDA kinds stay
 * `none` unless `otherNdas` sets them.
 */
export function matrixSituations(ndaKind: NdaKind = 'cso-monitoring', otherNdas: Partial<Record<NdaKind, NdaState>> = {}): MatrixSituation[] {
  const out: MatrixSituation[] = [];
  for (const kind of ORGANISATION_KINDS) {
    for (const roles of roleSetsFor(kind)) {
      for (const state of NDA_STATES) {
        for (const inModule of [false, true]) {
          out.push({ kind, roles, ndas: { ...otherNdas, [ndaKind]: state }, modules: inModule ? ['sector-metaal'] : [] });
        }
      }
    }
  }
  return out;
}

export const situationLabel = (s: MatrixSituation) =>
  `${s.kind}[${s.roles.join('+')}] ${Object.entries(s.ndas).filter(([, v]) => v !== 'none').map(([k, v]) => `${k}:${v}`).join(',') || 'no-nda'} ${s.modules.length ? 'in-module' : 'no-module'}`;

/**
 * Makes sure every NDA kind has an older and a current text version, so `older-version` signatures can exist.
 * Returns the current and the previous text id per kind. Idempotent.
 */
export async function ensureTwoNdaVersions(t: TestApp): Promise<Record<NdaKind, { current: string; previous: string }>> {
  const out = {} as Record<NdaKind, { current: string; previous: string }>;
  for (const kind of NDA_KINDS) {
    // one Dutch row per version: a version is published in several languages (issue 14, item 6), all of them current
    const versions = async (): Promise<Array<{ id: string; version: number }>> =>
      t.db.query(`SELECT id, version FROM nda_texts WHERE kind = $1 AND language = 'nl' ORDER BY version DESC`, [kind]);
    let rows = await versions();
    const top = (await t.db.query(`SELECT coalesce(max(version), 0)::int AS v FROM nda_texts WHERE kind = $1`, [kind]))[0].v as number;
    for (let v = top + 1; rows.length < 2 || rows[0].version < top; v++) {
      const body = `Matrix text of ${kind}, version ${v}.`;
      await t.db.query(
        `INSERT INTO nda_texts (kind, version, title, body, sha256, valid_for_days) VALUES ($1, $2, $3, $4, encode(sha256(convert_to($4, 'UTF8')), 'hex'), 730)`,
        [kind, v, `${kind} v${v}`, body],
      );
      rows = await versions();
    }
    out[kind] = { current: rows[0].id, previous: rows[1].id };
  }
  return out;
}

let counter = 0;

/** Creates one organisation and one person per situation, their NDA signatures and modules, and signs each in. */
export async function createMatrixCallers(t: TestApp, situations: MatrixSituation[]): Promise<MatrixCaller[]> {
  const texts = await ensureTwoNdaVersions(t);
  const [affiliate] = await t.db.query(`SELECT id FROM organisations WHERE kind IN ('ngo', 'union') ORDER BY slug LIMIT 1`);
  const auth = t.app.get(AuthService);
  const constituencyOf: Partial<Record<OrganisationKind, string>> = { company: 'companies', ngo: 'ngos', union: 'unions', branch_org: 'branch_orgs' };
  const callers: MatrixCaller[] = [];
  for (const s of situations) {
    const n = `${process.pid}-${++counter}`;
    const isParty = isPartyKind(s.kind);
    const [org] = await t.db.query(
      `INSERT INTO organisations (slug, name, kind, is_party, constituency, affiliated_to, country)
       VALUES ($1, $2, $3, $4, $5, $6, 'NL') RETURNING id`,
      [`mx-${n}`, `Matrix ${s.kind} ${n}`, s.kind, isParty, constituencyOf[s.kind] ?? null, s.kind === 'local_partner' ? affiliate.id : null],
    );
    const [person] = await t.db.query(
      `INSERT INTO people (organisation_id, email, name, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
      [org.id, `mx-${n}@matrix.test`, `Matrix person ${n}`, s.roles],
    );
    for (const module of s.modules) {
      await t.db.query(`INSERT INTO module_participations (organisation_id, module) VALUES ($1, $2)`, [org.id, module]);
    }
    const signatureIds: Partial<Record<NdaKind, string>> = {};
    for (const [kind, state] of Object.entries(s.ndas) as Array<[NdaKind, NdaState]>) {
      if (state === 'none') continue;
      const textId = state === 'older-version' ? texts[kind].previous : texts[kind].current;
      const [sig] = await t.db.query(
        `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, signed_at, expires_at, revoked_at, revoked_by)
         VALUES ($1, $2, $3, 'Matrix signer',
                 CASE WHEN $4 = 'expired' THEN now() - interval '800 days' ELSE now() END,
                 CASE WHEN $4 = 'expired' THEN now() - interval '1 day' ELSE now() + interval '730 days' END,
                 CASE WHEN $4 = 'revoked' THEN now() END,
                 CASE WHEN $4 = 'revoked' THEN $3::uuid END)
         RETURNING id`,
        [textId, org.id, person.id, state],
      );
      signatureIds[kind] = sig.id;
    }
    const { accessToken } = await auth.signIn({ personId: person.id, organisationId: org.id }, null, 'policy-matrix');
    callers.push({
      ...s,
      label: situationLabel(s),
      organisationId: org.id,
      personId: person.id,
      token: accessToken,
      auth: { Authorization: `Bearer ${accessToken}` },
      signatureIds,
      ndaActive: (kind) => s.ndas[kind] === 'active',
      inModule: s.modules.length > 0,
      isParty,
    });
  }
  return callers;
}

export interface Expectation {
  /** the expected HTTP status (or any of these) */
  status: number | number[];
}

export interface MatrixMismatch {
  caller: string;
  check: string;
  expected: string;
  actual: string;
}

/**
 * Runs and counts matrix cases. A case is one caller × one check; `body` (optional) returns a problem description
 * when the response body breaks a field-level expectation (e.g. a section the caller may not see), else undefined.
 */
export class PolicyMatrix {
  cases = 0;
  readonly mismatches: MatrixMismatch[] = [];
  private readonly byCheck = new Map<string, number>();

  constructor(readonly name: string) {}

  async check(
    caller: Pick<MatrixCaller, 'label'>,
    check: string,
    request: () => PromiseLike<Response>,
    expected: Expectation,
    body?: (body: any, res: Response) => string | undefined,
  ): Promise<Response> {
    const res = await request();
    this.cases++;
    const key = check.replace(/\s*#.*$/, '');
    this.byCheck.set(key, (this.byCheck.get(key) ?? 0) + 1);
    const statuses = [expected.status].flat();
    if (!statuses.includes(res.status)) {
      this.mismatches.push({ caller: caller.label, check, expected: `status ${statuses.join('|')}`, actual: `status ${res.status} ${JSON.stringify(res.body).slice(0, 300)}` });
    } else if (body) {
      const problem = body(res.body, res);
      if (problem) this.mismatches.push({ caller: caller.label, check, expected: 'fields as the agreement allows', actual: problem });
    }
    return res;
  }

  /** Prints the number of cases (and per check) and the first mismatches. */
  report(): void {
    console.log(`policy matrix ${this.name}: ${this.cases} cases, ${this.mismatches.length} mismatches`);
    for (const [k, n] of [...this.byCheck].sort()) console.log(`  ${n.toString().padStart(5)}  ${k}`);
    for (const m of this.mismatches.slice(0, 25)) console.log(`  MISMATCH ${m.caller} | ${m.check} | expected ${m.expected} | got ${m.actual}`);
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function inBatches<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
