import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixCallers, inBatches, type MatrixCaller, matrixSituations, PolicyMatrix } from './support/policy-matrix.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The policy matrix of the production-location registry (issue 5; issue 4 "the matrix"): every organisation kind ×
 * role set × state of the art-21 clause (none, active, expired, revoked, older text) × module participation, against
 * ProductionLocation, AggregatedList, CompanyRegionRequest and CsoExpertise, through HTTP. The expectations are
 * written down from the agreement (articles cited), never read from policies/*.yaml.
 */
const YEAR = new Date().getUTCFullYear();
const UPLOAD_YEAR = 2037;

const isSecretariat = (c: MatrixCaller) => c.kind === 'secretariat';
const isStaff = (c: MatrixCaller) => isSecretariat(c) && c.roles.includes('secretariat_staff');
const isCsoParty = (c: MatrixCaller) => (c.kind === 'ngo' || c.kind === 'union') && c.isParty;
/** Art. 21: a participating CSO that holds the confidentiality clause (current text, not expired or revoked). */
const underClause = (c: MatrixCaller) => isCsoParty(c) && c.ndaActive('company-region');

describe('policy matrix: production locations, aggregated list, company-by-region requests, CSO expertise (art. 17-22)', () => {
  let t: TestApp;
  let callers: MatrixCaller[];
  const m = new PolicyMatrix('issue 5: production locations');
  let staalwerk: string;
  let entryId: string;
  let otherRequest: string;
  let ngoOther: string;

  beforeAll(async () => {
    t = await startTestApp();
    callers = await createMatrixCallers(t, matrixSituations('company-region'));
    const ids = Object.fromEntries((await t.db.query(`SELECT slug, id FROM organisations`)).map((r: { slug: string; id: string }) => [r.slug, r.id]));
    staalwerk = ids['staalwerk-twente'];
    ngoOther = ids['mensenrechten-monitor'];
    [{ id: entryId }] = await t.db.query(`SELECT id FROM production_locations WHERE organisation_id = $1 AND is_current LIMIT 1`, [staalwerk]);
    [{ id: otherRequest }] = await t.db.query(
      `INSERT INTO company_region_requests (requester_organisation_id, requested_by, year, countries)
       SELECT o.id, p.id, $1, '{BO}' FROM organisations o JOIN people p ON p.organisation_id = o.id WHERE o.slug = 'mensenrechten-monitor' RETURNING id`,
      [YEAR],
    );
  }, 300_000);
  afterAll(() => t?.close());

  it('every caller situation against every route of the area', async () => {
    await inBatches(callers, 4, async (c) => {
      const get = (url: string) => () => t.http().get(url).set(c.auth);

      // Art. 17-19: a company its own list, the secretariat every list; NAW stays with the secretariat.
      await m.check(c, 'list another company\'s entries', get(`/api/v1/production-locations?year=${YEAR}&organisationId=${staalwerk}`),
        // every organisation may list its own entries (only companies have any): another company's are simply absent
        { status: 200 },
        (body, res) => (res.status !== 200 ? undefined : isSecretariat(c) ? (body.total > 0 && body.items[0].supplierName ? undefined : 'secretariat sees no NAW')
          : body.total === 0 ? undefined : `a company sees ${body.total} entries of another`));
      await m.check(c, 'read another company\'s entry', get(`/api/v1/production-locations/${entryId}`),
        { status: isSecretariat(c) ? 200 : 404 });
      await m.check(c, 'download the upload template', get('/api/v1/production-locations/template?format=csv'),
        { status: c.kind === 'company' || isStaff(c) ? 200 : 403 });
      // Art. 17: each company uploads its own list; the secretariat's staff may load one on a company's behalf.
      const csv = Buffer.from('supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier\nMatrix Mill,Street 1,,Town,DE,,processing,steel,1\n');
      await m.check(c, 'upload own list', () => t.http().post(`/api/v1/production-locations/uploads?year=${UPLOAD_YEAR}`).set(c.auth).attach('file', csv, 'l.csv'),
        { status: c.kind === 'company' ? 201 : isStaff(c) ? 404 /* the secretariat is not a company */ : 403 });
      await m.check(c, 'upload for another company', () => t.http().post(`/api/v1/production-locations/uploads?year=${UPLOAD_YEAR}&organisationId=${staalwerk}`).set(c.auth).attach('file', csv, 'l.csv'),
        { status: isStaff(c) ? 201 : c.kind === 'company' ? 404 : 403 });

      // Art. 19-20: the aggregated list goes to all parties (companies and CSOs; branch organisations are parties too).
      await m.check(c, 'read the aggregated list', get(`/api/v1/aggregated-list?year=${YEAR}`),
        { status: c.isParty || isSecretariat(c) ? 200 : 403 },
        (body, res) => (res.status !== 200 || body.cells.every((x: { companies: number }) => x.companies >= 3) ? undefined : 'a cell below k'));

      // Art. 21: a participating CSO asks under the clause; the secretariat reviews and releases.
      await m.check(c, 'ask which companies are active in a country', () => t.http().post('/api/v1/company-region-requests').set(c.auth).send({ countries: ['BO'] }),
        { status: underClause(c) ? 201 : 403 },
        (body, res) => (res.status === 403 && isCsoParty(c) && !body.missing?.includes('nda:company-region') ? `missing ${body.missing}` : undefined));
      await m.check(c, 'list company-by-region requests', get('/api/v1/company-region-requests'),
        { status: isCsoParty(c) || isStaff(c) ? 200 : 403 },
        (body, res) => (res.status !== 200 || isStaff(c) || body.every((r: { requesterOrganisationId: string }) => r.requesterOrganisationId === c.organisationId) ? undefined : 'sees requests of others'));
      await m.check(c, 'read another CSO\'s request', get(`/api/v1/company-region-requests/${otherRequest}`),
        { status: isStaff(c) ? 200 : underClause(c) ? 404 : 403 });
      await m.check(c, 'answer a request', () => t.http().post(`/api/v1/company-region-requests/${otherRequest}/answer`).set(c.auth).send({ decision: 'decline' }),
        // only staff may; the first staff caller declines it, later ones find it decided (409)
        { status: isStaff(c) ? [200, 409] : 403 });

      // Art. 22: the overview of CSO expertise, for all companies and parties; CSOs keep their own entries.
      await m.check(c, 'read the CSO expertise overview', get('/api/v1/cso-expertise'), { status: c.isParty || isSecretariat(c) ? 200 : 403 });
      await m.check(c, 'update own CSO expertise', () => t.http().put(`/api/v1/cso-expertise/${c.organisationId}`).set(c.auth)
        .send({ entries: [{ country: 'CD', rawMaterials: ['tin'], description: `network of ${c.label}` }] }),
      // the secretariat's staff may edit the overview, but its own organisation is no CSO (400)
      { status: isCsoParty(c) ? 200 : isStaff(c) ? 400 : 403 });
      await m.check(c, 'update another CSO\'s expertise', () => t.http().put(`/api/v1/cso-expertise/${ngoOther}`).set(c.auth)
        .send({ entries: [{ country: 'CD', rawMaterials: ['cobalt'], description: 'Network in North Kivu' }] }),
      { status: isStaff(c) ? 200 : isCsoParty(c) ? 404 : 403 });
    });
    m.report();
    expect(m.cases).toBe(callers.length * 13);
    expect(m.mismatches).toEqual([]);
  }, 600_000);
});
