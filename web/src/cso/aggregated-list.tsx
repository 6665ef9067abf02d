import { useState } from 'react';
import { apiBlob, ApiError, saveBlob } from '../api.ts';
import type { Answer } from '../api/types.ts';
import { ErrorMessage, Loading, Page, useAction, useApi, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { BarChart, countryName, useCaseWords } from '../shared.tsx';
import { aggregatedFrEs } from './aggregated-list.words.fr-es.ts';

const words = {
  en: {
    aggregated: 'Aggregated list',
    year: 'Year',
    table: 'Aggregated production locations',
    country: 'Country',
    region: 'Region',
    activity: 'Activity',
    material: 'Raw material',
    locations: 'Locations',
    companies: 'Companies',
    any: 'all',
    suppressed: 'suppressed',
    suppressedNote: 'Only cells of at least {k} companies are published; smaller regions are generalised into their country and smaller cells suppressed, so no company can be recognised. A suppressed cell is not zero: a country that is not listed may still have locations.',
    published: 'Version of {year}, published {date} by the secretariat (art. 19). It changes only with the next publication.',
    withheld: '{n} cells were withheld so that no company can be traced by comparing this version with an earlier one.',
    fingerprint: 'SHA-256',
    notPublished: 'The aggregated list of {year} has not been published yet.',
    noCells: 'No cells match the filters.',
    wholeCountry: 'whole country',
    allMaterials: 'all raw materials',
    otherRegions: 'other regions (generalised into the country)',
    otherMaterials: 'other raw materials',
    filters: 'Filters',
    export: 'Download',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    exportNote: 'The download holds exactly the rows shown with these filters; downloads are recorded in the audit log.',
  },
  nl: {
    aggregated: 'Geaggregeerde lijst',
    year: 'Jaar',
    table: 'Geaggregeerde productielocaties',
    country: 'Land',
    region: 'Regio',
    activity: 'Activiteit',
    material: 'Grondstof',
    locations: 'Locaties',
    companies: 'Bedrijven',
    any: 'alle',
    suppressed: 'onderdrukt',
    suppressedNote: 'Alleen cellen van minstens {k} bedrijven worden gepubliceerd; kleinere regio’s gaan op in hun land en kleinere cellen worden onderdrukt, zodat geen bedrijf herkenbaar is. Een onderdrukte cel is geen nul: een land dat niet in de lijst staat, kan toch locaties hebben.',
    published: 'Versie van {year}, gepubliceerd op {date} door het secretariaat (art. 19). Ze verandert pas bij de volgende publicatie.',
    withheld: '{n} cellen zijn weggelaten, zodat geen bedrijf herkenbaar wordt door deze versie met een eerdere te vergelijken.',
    fingerprint: 'SHA-256',
    notPublished: 'De geaggregeerde lijst van {year} is nog niet gepubliceerd.',
    noCells: 'Geen cellen bij deze filters.',
    wholeCountry: 'heel het land',
    allMaterials: 'alle grondstoffen',
    otherRegions: 'overige regio’s (opgenomen in het land)',
    otherMaterials: 'overige grondstoffen',
    filters: 'Filters',
    export: 'Downloaden',
    csv: 'Csv',
    xlsx: 'Excel (xlsx)',
    exportNote: 'De download bevat precies de rijen die u met deze filters ziet; downloads worden vastgelegd in het auditlogboek.',
  },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, aggregatedFrEs);

/** The published list (`GET /aggregated-list`, PublishedListDto of the generated schema). */
type Published = Answer<'get', '/api/v1/aggregated-list'>;
/** A cell with its optional region, name and material read as null ("the whole country", "all raw materials"). */
type Cell = Published['cells'][number] & { region: string | null; regionName: string | null; material: string | null };
const cellOf = (c: Published['cells'][number]): Cell => ({ ...c, region: c.region ?? null, regionName: c.regionName ?? null, material: c.material ?? null });

interface Row {
  key: string;
  cell: Cell;
  rest?: 'regions' | 'materials';
}

/** Rows of the table: per country and activity its total, the published regions and materials, and a row saying what was left out. */
function rowsOf(cells: Cell[]): Row[] {
  const groups = new Map<string, { total?: Cell; regions: Cell[]; materials: Cell[] }>();
  for (const c of cells) {
    const key = `${c.country}/${c.activityType}`;
    const g = groups.get(key) ?? { regions: [], materials: [] };
    if (c.region === null && c.material === null) g.total = c;
    else if (c.material === null) g.regions.push(c);
    else g.materials.push(c);
    groups.set(key, g);
  }
  const rows: Row[] = [];
  for (const [key, g] of groups) {
    if (g.total) rows.push({ key, cell: g.total });
    for (const r of g.regions) rows.push({ key: `${key}/r/${r.region}`, cell: r });
    if (g.total && g.regions.reduce((n, r) => n + r.locations, 0) < g.total.locations) rows.push({ key: `${key}/r/rest`, cell: g.total, rest: 'regions' });
    for (const m of g.materials) rows.push({ key: `${key}/m/${m.material}`, cell: m });
    if (g.total && g.materials.length && g.materials.reduce((n, m) => n + m.locations, 0) < g.total.locations) rows.push({ key: `${key}/m/rest`, cell: g.total, rest: 'materials' });
  }
  return rows;
}

/**
 * The published aggregated list (art. 19-20; issue 15 item 4, issue 14 item 5): the version the secretariat
 * published for the year, filtered on the server by country, region, activity and raw material, with region names,
 * a bar chart by country, and CSV/XLSX downloads of exactly the rows shown.
 */
export function Aggregated() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const [year, setYear] = useState(new Date().getFullYear());
  const [filter, setFilter] = useState({ country: '', region: '', activityType: '', material: '' });
  const q = new URLSearchParams({ year: String(year), ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) }).toString();
  // The whole version once for the filters' choices and the chart; the filtered rows from the server.
  const all = useApi<Published>(`/aggregated-list?year=${year}`);
  const list = useApi<Published>(`/aggregated-list?${q}`);
  const download = useAction();
  const cells = (all.data?.cells ?? []).map(cellOf);
  const distinct = (f: (c: Cell) => string | null) => [...new Set(cells.map(f).filter((v): v is string => v !== null))];
  const regions = new Map(cells.filter((c) => c.region).map((c) => [c.region!, c.regionName ?? c.region!]));
  const byCountry = new Map<string, number>();
  for (const c of cells) if (c.region === null && c.material === null) byCountry.set(c.country, (byCountry.get(c.country) ?? 0) + c.locations);
  const bars = [...byCountry.entries()].map(([code, value]) => ({ label: countryName(language, code), value })).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const rows = rowsOf((list.data?.cells ?? []).map(cellOf));
  const notPublished = all.error instanceof ApiError && all.error.status === 404;
  const sup = <span className="badge suppressed">{t('suppressed')}</span>;
  const select = (id: keyof typeof filter, label: string, options: Array<[string, string]>) => (
    <div>
      <label htmlFor={`agg-${id}`}>{label}</label>
      <select id={`agg-${id}`} value={filter[id]} onChange={(e) => setFilter({ ...filter, [id]: e.target.value })}>
        <option value="">{t('any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const save = (format: 'csv' | 'xlsx') =>
    download.run(async () => saveBlob(`aggregated-list-${year}.${format}`, await apiBlob(`/aggregated-list/export?${q}&format=${format}`)));
  return (
    <Page title={t('aggregated')}>
      <div className="row">
        <label htmlFor="agg-year">{t('year')}</label>
        <input id="agg-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
      </div>
      {all.loading && <Loading />}
      {notPublished ? <p>{t('notPublished', { year })}</p> : <ErrorMessage error={all.error} why={{ action: 'read', subject: 'AggregatedList' }} />}
      {all.data && (
        <>
          <p className="muted">
            {t('published', { year: all.data.year, date: formatDate(language, all.data.publishedAt) })}{' '}
            {all.data.suppression.withheldCells > 0 && t('withheld', { n: all.data.suppression.withheldCells })}
          </p>
          <p className="muted">{t('suppressedNote', { k: all.data.minCompanies })}</p>
          <p className="muted small">
            {t('fingerprint')}: <code className="hash">{all.data.sha256}</code>
          </p>
          {bars.length > 0 && <BarChart bars={bars} />}
          <fieldset>
            <legend>{t('filters')}</legend>
            <div className="split">
              {select('country', t('country'), distinct((c) => c.country).map((c) => [c, countryName(language, c)]))}
              {select('region', t('region'), [...regions.entries()].sort((a, b) => a[1].localeCompare(b[1])))}
              {select('activityType', t('activity'), distinct((c) => c.activityType).map((a) => [a, cw.activity(a)]))}
              {select('material', t('material'), distinct((c) => c.material).sort().map((m) => [m, cw.material(m)]))}
            </div>
          </fieldset>
          <div className="row">
            <span>{t('export')}:</span>
            <button type="button" onClick={() => void save('csv')} disabled={download.busy}>
              {t('csv')}
            </button>
            <button type="button" onClick={() => void save('xlsx')} disabled={download.busy}>
              {t('xlsx')}
            </button>
          </div>
          <p className="muted small">{t('exportNote')}</p>
          <ErrorMessage error={download.error} />
          <ErrorMessage error={list.error} />
          {list.data !== undefined && rows.length === 0 && <p className="muted">{t('noCells')}</p>}
          {rows.length > 0 && (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('table')}>
              <table>
                <caption>
                  {t('table')} {year}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('country')}</th>
                    <th scope="col">{t('activity')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col">{t('material')}</th>
                    <th scope="col" className="num">
                      {t('locations')}
                    </th>
                    <th scope="col" className="num">
                      {t('companies')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ key, cell: c, rest }) => (
                    <tr key={key}>
                      <td>{countryName(language, c.country)}</td>
                      <td>{cw.activity(c.activityType)}</td>
                      <td>{rest === 'regions' ? t('otherRegions') : rest ? '' : (c.regionName ?? (c.material === null ? t('wholeCountry') : ''))}</td>
                      <td>{rest === 'materials' ? t('otherMaterials') : rest ? '' : (c.material ? cw.material(c.material) : c.region === null ? t('allMaterials') : '')}</td>
                      <td className="num">{rest ? sup : c.locations}</td>
                      <td className="num">{rest ? sup : c.companies}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
