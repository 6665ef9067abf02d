import PDFDocument from 'pdfkit';
import { toCsv } from '../common/tabular.js';
import type { ProtectedCounts } from './protect-counts.js';
import type { YearlyReportContent } from './report-content.js';

type Row = Array<string | number | null>;

/** The report as rows (section, group, item, value, note): the CSV download, and the tables of the PDF. */
export function reportRows(r: YearlyReportContent): Row[] {
  const rows: Row[] = [['section', 'group', 'item', 'value', 'note']];
  const counts = (section: string, group: string, p: ProtectedCounts) => {
    rows.push([section, group, 'total', p.total, p.total === null ? `withheld (fewer than ${r.minCompanies})` : null]);
    for (const [key, v] of Object.entries(p.counts)) rows.push([section, group, key, v, v === null ? `withheld (fewer than ${r.minCompanies})` : null]);
  };
  for (const m of r.monitoring) counts('monitoring signals', m.round, m);
  rows.push(['plan of action', String(r.plan.year), 'companies that submitted a plan', r.plan.companiesSubmitted, null]);
  for (const c of r.plan.byStep) rows.push(['plan of action', 'OECD step', c.key, c.measures, c.suppressed ? `withheld (fewer than ${r.plan.threshold} companies)` : null]);
  for (const c of r.plan.byTheme) rows.push(['plan of action', 'theme', c.key, c.measures, c.suppressed ? `withheld (fewer than ${r.plan.threshold} companies)` : null]);
  rows.push(['aggregated list', String(r.year), 'published', r.aggregatedList.published ? 'yes' : 'no', r.aggregatedList.sha256]);
  for (const c of r.aggregatedList.countries) rows.push(['aggregated list', 'locations per country', c.country, c.locations, null]);
  for (const [kind, p] of Object.entries(r.cases)) counts('cases by outcome', kind, p);
  for (const [kind, n] of Object.entries(r.membership.byKind)) rows.push(['membership', 'at year end', kind, n, null]);
  rows.push(['membership', String(r.year), 'joined', r.membership.joined, null], ['membership', String(r.year), 'left', r.membership.left, null]);
  return rows;
}

export const reportCsv = (r: YearlyReportContent) => toCsv(reportRows(r));

/** The report as PDF (pdfkit, built-in Helvetica): headings, the figures, and bar charts drawn as vectors. */
export function reportPdf(r: YearlyReportContent, publishedAt: Date | null, sha256: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Yearly report ${r.year}`, Subject: 'International RBC Agreement for the Metal Sector' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const heading = (t: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(t).font('Helvetica').fontSize(10).moveDown(0.3);
  const shown = (v: number | null) => (v === null ? `withheld (< ${r.minCompanies})` : String(v));
  const bars = (items: Array<{ label: string; value: number | null }>) => {
    const max = Math.max(1, ...items.map((i) => i.value ?? 0));
    for (const i of items) {
      const y = doc.y;
      doc.text(i.label, 50, y, { width: 140 });
      if (i.value !== null) doc.rect(195, y + 1, Math.max(1, (i.value / max) * 250), 9).fill('#2b6cb0').fillColor('black');
      doc.text(shown(i.value), 455, y, { width: 90, align: 'right' });
      doc.moveDown(0.2);
    }
    doc.x = 50;
  };
  doc.font('Helvetica-Bold').fontSize(18).text(`Yearly report ${r.year}`);
  doc.font('Helvetica').fontSize(10).text(`International RBC Agreement for the Metal Sector (art. 33, 51). ${publishedAt ? `Published ${publishedAt.toISOString().slice(0, 10)}.` : 'Draft.'}`);
  doc.text(`Every figure is an aggregate; counts of fewer than ${r.minCompanies} companies are withheld. SHA-256 ${sha256}`);
  heading('Monitoring signals per round');
  for (const m of r.monitoring) {
    doc.font('Helvetica-Bold').text(`${m.round} (total ${shown(m.total)})`).font('Helvetica');
    bars(Object.entries(m.counts).map(([label, value]) => ({ label, value })));
  }
  heading(`Aggregated plan of action ${r.plan.year} (${r.plan.companiesSubmitted} companies)`);
  bars(r.plan.byStep.map((c) => ({ label: `OECD step ${c.key}`, value: c.measures })));
  heading('Aggregated list: production locations per country');
  if (!r.aggregatedList.published) doc.text('The aggregated list of this year is not published yet.');
  bars(r.aggregatedList.countries.slice(0, 20).map((c) => ({ label: c.country, value: c.locations })));
  heading('Cases filed in the year, by outcome');
  for (const [kind, p] of Object.entries(r.cases)) {
    doc.font('Helvetica-Bold').text(`${kind} (total ${shown(p.total)})`).font('Helvetica');
    bars(Object.entries(p.counts).map(([label, value]) => ({ label, value })));
  }
  heading('Membership at the end of the year');
  bars(Object.entries(r.membership.byKind).map(([label, value]) => ({ label, value })));
  doc.text(`Joined in ${r.year}: ${r.membership.joined}; left: ${r.membership.left}.`);
  doc.end();
  return done;
}
