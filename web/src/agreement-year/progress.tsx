import { type ReactNode, useId } from 'react';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import { ErrorMessage, Loading, useTexts } from '../components.tsx';
import { words, type Word } from './words.ts';

/** One year of a company's art-18 progress (`GET /api/v1/transparency-progress/:companyId`, generated schema). */
export type ProgressYear = components['schemas']['ProgressYearDto'];

/**
 * A small SVG chart of suppliers per year, each bar split into those listed before and those added that year. It is
 * an image with a title and a description; the table beside it is its text alternative (the same figures).
 */
export function ProgressChart({ years }: { years: ProgressYear[] }) {
  const t = useTexts(words);
  const titleId = useId();
  const descId = useId();
  const width = 520;
  const height = 200;
  const top = 18;
  const bottom = 24;
  const max = Math.max(1, ...years.map((y) => y.suppliers));
  const slot = width / Math.max(years.length, 1);
  const barW = Math.min(64, slot * 0.6);
  const scale = (n: number) => (n / max) * (height - top - bottom);
  return (
    <figure className="progress-figure">
      <svg className="chart progress-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{t('chartTitle')}</title>
        <desc id={descId}>{t('chartDesc')}</desc>
        <line x1="0" x2={width} y1={height - bottom} y2={height - bottom} className="axis" />
        {years.map((y, i) => {
          const x = i * slot + (slot - barW) / 2;
          const earlier = y.suppliers - y.added;
          const hEarlier = scale(earlier);
          const hAdded = scale(y.added);
          const base = height - bottom;
          return (
            <g key={y.year}>
              <rect className="bar" x={x} y={base - hEarlier} width={barW} height={hEarlier} />
              <rect className="bar added" x={x} y={base - hEarlier - hAdded} width={barW} height={hAdded} />
              <text x={x + barW / 2} y={base - hEarlier - hAdded - 4} textAnchor="middle">
                {y.suppliers}
              </text>
              <text x={x + barW / 2} y={height - 6} textAnchor="middle">
                {y.year}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="swatch" aria-hidden="true" /> {t('earlier')} <span className="swatch added" aria-hidden="true" /> {t('newOnes')}
      </figcaption>
    </figure>
  );
}

/** Art. 18: a company's progress as a chart and a table; for the company itself and the secretariat only. */
export function CompanyProgress({ companyId, picker }: { companyId: string; picker?: ReactNode }) {
  const t = useTexts(words);
  const loaded = useGet('/api/v1/transparency-progress/{companyId}', { path: { companyId } });
  const years = loaded.data?.years ?? [];
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progressTitle')}</h2>
      {picker}
      <p className="muted">{t('progressIntro')}</p>
      {loaded.loading && <Loading />}
      <ErrorMessage error={loaded.error} />
      {loaded.data && years.length === 0 && <p className="muted">{t('progressNone')}</p>}
      {years.length > 0 && (
        <>
          <ProgressChart years={years} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('progressTitle')}>
            <table className="progress-table">
              <caption>{t('progressTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('year')}</th>
                  <th scope="col">{t('suppliers')}</th>
                  <th scope="col">{t('added')}</th>
                  <th scope="col">{t('deepest')}</th>
                  <th scope="col">{t('tier1')}</th>
                  <th scope="col">{t('tier2')}</th>
                  <th scope="col">{t('tier3')}</th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td>
                      {y.suppliers}
                      {y.change !== null && y.change !== undefined && <span className="muted"> ({y.change >= 0 ? '+' : ''}{y.change})</span>}
                    </td>
                    <td>{y.added}</td>
                    <td>{y.deepestTier}</td>
                    <td>{y.tiers[0]}</td>
                    <td>{y.tiers[1]}</td>
                    <td>{y.tiers[2]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Art. 18-19: progress across companies, as every party sees it (years below k left out, small cells suppressed). */
export function AggregatedProgress() {
  const t = useTexts(words);
  const loaded = useGet('/api/v1/transparency-progress/aggregated');
  const years = loaded.data?.years ?? [];
  const cell = (n: number | null) => (n === null ? <span className="badge suppressed">{t('suppressed')}</span> : n);
  return (
    <section aria-labelledby="aggregated-progress-title">
      <h2 id="aggregated-progress-title">{t('aggregatedTitle')}</h2>
      {loaded.data && <p className="muted">{t('aggregatedIntro', { k: loaded.data.minCompanies })}</p>}
      {loaded.loading && <Loading />}
      <ErrorMessage error={loaded.error} />
      {loaded.data && years.length === 0 && <p className="muted">{t('aggregatedNone')}</p>}
      {years.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('aggregatedTitle')}>
          <table className="progress-table">
            <caption>{t('aggregatedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('year')}</th>
                <th scope="col">{t('companies')}</th>
                <th scope="col">{t('suppliers')}</th>
                <th scope="col">{t('added')}</th>
                <th scope="col">{t('deepestSplit')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td>{y.companies}</td>
                  <td>{y.suppliers}</td>
                  <td>{y.added}</td>
                  <td>
                    {y.deepestTier.map((c, i) => (
                      <span key={c.tier}>
                        {i > 0 && ' / '}
                        {cell(c.companies ?? null)}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export type { Word };
