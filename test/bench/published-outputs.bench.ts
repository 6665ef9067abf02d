import { GenerateYearlyReport } from '../../src/yearly-report/generate-report.js';
import type { Bench, BenchApp } from './harness.js';

/**
 * Issue 15 benchmark: publishing the aggregated list and generating the yearly report over 100k entries of 200
 * companies, each as a ratio to a bare `GROUP BY` over the same rows measured in the same run; and reading the
 * published list against the live recompute.
 */
async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function seed100k(app: BenchApp, year: number) {
  await app.db.query(
    `INSERT INTO organisations (slug, name, kind, is_party, constituency, country)
     SELECT 'bench-co-' || g, 'Bench Company ' || g, 'company', true, 'companies', 'NL' FROM generate_series(1, 200) g`,
  );
  await app.db.query(
    `INSERT INTO production_location_lists (organisation_id, year, revision, entry_count, source_format)
     SELECT id, $1, 1, 500, 'seed' FROM organisations WHERE slug LIKE 'bench-co-%'`,
    [year],
  );
  await app.db.query(
    `INSERT INTO production_locations (list_id, organisation_id, year, row_number, country, region, activity_type, raw_materials, tier,
        supplier_name, address, city, key_version, supplier_index)
     SELECT l.id, l.organisation_id, $1, g,
            (ARRAY['CD','BO','PE','ID','CN','DE','NL','BE','ZA','CL','BR','IN','TR','PL','ZM'])[1 + floor(15 * power(random(), 2))::int],
            'R' || (1 + floor(12 * power(random(), 3))::int),
            (ARRAY['mining','smelting','refining','processing','manufacturing','recycling','trading'])[1 + floor(7 * random())::int],
            ARRAY[(ARRAY['tin','cobalt','copper','steel','aluminium','zinc','gold','nickel'])[1 + floor(8 * random())::int]],
            1 + floor(3 * random())::int, '\\x00', '\\x00', '\\x00', 1, decode(md5(l.id::text || g), 'hex')
       FROM production_location_lists l JOIN organisations o ON o.id = l.organisation_id AND o.slug LIKE 'bench-co-%'
      CROSS JOIN generate_series(1, 500) g WHERE l.year = $1`,
    [year],
  );
  await app.db.query('ANALYZE production_locations');
}

export const benches: Bench[] = [
  {
    name: 'published outputs: aggregated list publication and yearly report over 100k entries of 200 companies',
    async run(ctx) {
      const app = await ctx.startApp();
      try {
        const year = new Date().getUTCFullYear();
        await seed100k(app, year);
        await app.db.query(`DELETE FROM aggregated_list_publications`); // the demo seed's version of the year
        const secretariat = await app.login('secretariaat@demo.ketenkluis.test');
        const party = await app.login('mensenrechten-monitor@demo.ketenkluis.test');
        const call = async (method: string, path: string, token: string, body?: object) => {
          const res = await fetch(`${app.url}/api/v1${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
            body: body ? JSON.stringify(body) : undefined,
          });
          if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
          return res.json();
        };
        const bare = async () =>
          (await timedAsync(() => app.db.query(`SELECT country, activity_type, region, count(*) FROM production_locations WHERE year = $1 AND is_current GROUP BY 1, 2, 3`, [year]))).seconds;
        await bare();
        const plain: number[] = [];
        for (let i = 0; i < 5; i++) plain.push(await bare());

        // Publishing (once a year): each run publishes afresh after the previous version is removed.
        const publish: number[] = [];
        for (let i = 0; i < 3; i++) {
          await app.db.query(`DELETE FROM aggregated_list_publications WHERE year = $1`, [year]);
          publish.push((await timedAsync(() => call('POST', '/aggregated-list/publications', secretariat, { year }))).seconds);
        }
        ctx.report('publishing the aggregated list (live grouping with each company\'s share, suppression, differencing, insert; HTTP, median of 3)', med(publish) * 1000, 'ms',
          { value: med(publish) / med(plain), to: 'a bare GROUP BY count of the same rows (slowdown factor)' });

        // The yearly report: a draft regenerated from the data (HTTP) and its content built in-process.
        const generate: number[] = [];
        for (let i = 0; i < 3; i++) generate.push((await timedAsync(() => call('POST', '/yearly-reports', secretariat, { year }))).seconds);
        ctx.report('generating the yearly report draft (HTTP, median of 3)', med(generate) * 1000, 'ms',
          { value: med(generate) / med(plain), to: 'a bare GROUP BY count of the same rows (slowdown factor)' });
        const builder = app.app.get(GenerateYearlyReport, { strict: false });
        const build: number[] = [];
        for (let i = 0; i < 3; i++) build.push((await timedAsync(() => builder.build(app.db.manager, year))).seconds);
        ctx.report('building the yearly report content in-process', med(build) * 1000, 'ms', { value: med(build) / med(plain), to: 'a bare GROUP BY count of the same rows (slowdown factor)' });

        // Reading: the published version (one row, the same for every caller) against the live recompute.
        await call('GET', `/aggregated-list?year=${year}`, party);
        await call('GET', `/aggregated-list/preview?year=${year}`, secretariat);
        const read: number[] = [];
        const live: number[] = [];
        for (let i = 0; i < 5; i++) {
          read.push((await timedAsync(() => call('GET', `/aggregated-list?year=${year}`, party))).seconds);
          live.push((await timedAsync(() => call('GET', `/aggregated-list/preview?year=${year}`, secretariat))).seconds);
        }
        ctx.report('reading the published aggregated list (HTTP, median of 5)', med(read) * 1000, 'ms', { value: med(read) / med(plain), to: 'a bare GROUP BY count of the same rows' });
        ctx.report('live recompute (the secretariat\'s preview, with the differencing check; HTTP, median of 5)', med(live) * 1000, 'ms', { value: med(read) / med(live), to: 'published read as a fraction of the live recompute' });
      } finally {
        await app.close();
      }
    },
  },
];
