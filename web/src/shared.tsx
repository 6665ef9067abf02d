import type { ApiPath } from './api.ts';
import { useId, useMemo, useState } from 'react';
import { FieldError, itemsOf, useApi, useNow, useTexts } from './components.tsx';
import { formatDate, type Language, valueText } from './i18n.ts';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';
import { sharedFrEs } from './shared.words.fr-es.ts';
import { type TitleFacts, useCaseTitle } from './case-title.tsx';

/** Pieces several user groups' pages share: pickers, the case state words, the bar chart, server-side paging. */

export const ACTIVITY_TYPES = ['mining', 'smelting', 'refining', 'processing', 'manufacturing', 'recycling', 'trading'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const RAW_MATERIALS = ['cobalt', 'copper', 'tin', 'tantalum', 'tungsten', 'gold', 'lithium', 'nickel', 'iron ore', 'bauxite', 'aluminium', 'zinc', 'manganese', 'graphite', 'mica', 'steel'];
export const COUNTRY_CODES = [
  'CD', 'BO', 'PE', 'CL', 'CN', 'ID', 'ZM', 'ZA', 'BR', 'IN', 'GH', 'GN', 'MG', 'MM', 'MX', 'PH', 'RU', 'RW', 'TR', 'UA', 'VN', 'AU', 'CA', 'US',
  'DE', 'BE', 'NL', 'PL', 'ES', 'IT', 'SE', 'NO', 'FI', 'GB', 'KZ', 'MN', 'AR', 'CO', 'EC', 'TZ', 'UG', 'ZW', 'MZ', 'NG', 'ML', 'BF', 'KR', 'JP', 'TW', 'TH', 'MY',
];

const displayNames = new Map<Language, Intl.DisplayNames>();
/** ICU's short names where the official name reads better to a person deciding ("Congo - Kinshasa"). */
const OFFICIAL: Partial<Record<Language, Record<string, string>>> = {
  en: { CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo' },
  nl: { CD: 'Democratische Republiek Congo', CG: 'Republiek Congo' },
};
export function countryName(language: Language, code: string | null | undefined): string {
  if (!code) return '—';
  const official = OFFICIAL[language]?.[code.toUpperCase()];
  if (official) return official;
  if (!displayNames.has(language)) displayNames.set(language, new Intl.DisplayNames([language], { type: 'region' }));
  try {
    return displayNames.get(language)!.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A region by its name, its code after it ("Nord-Kivu (CD-NK)", issue 14 item 5); the code alone when the API knows no name. */
export function regionLabel(code: string | null | undefined, name?: string | null): string {
  if (!code) return '';
  return name && name !== code ? `${name} (${code})` : code;
}

const words = {
  en: {
    'state.awaiting_ruling': 'awaiting the Kerngroep',
    'state.awaiting_consent': 'awaiting company consent',
    'state.awaiting_access': 'awaiting access',
    'state.access_open': 'access open',
    'state.access_closed': 'access closed',
    'state.reported': 'reported',
    'state.in_dialogue': 'in dialogue',
    'state.closed_resolved': 'closed: resolved',
    'state.closed_joint_project': 'closed: joint project',
    'state.closed_no_agreement': 'closed: no agreement',
    'state.rejected': 'rejected',
    'state.withdrawn': 'withdrawn',
    'state.approved': 'approved',
    'state.improvement_period': 'improvement period',
    'state.follow_up': 'follow-up',
    'state.dismissed': 'dismissed',
    'state.closed': 'closed',
    'state.awaiting_admissibility': 'awaiting admissibility',
    'state.not_admissible': 'not admissible',
    'state.removal_decided': 'removal decided',
    'type.accession': 'Art. 70 request to join',
    'type.removal': 'Art. 76 removal',
    'type.yearly_report': 'Art. 51 yearly report',
    'state.published': 'published',
    'state.draft': 'draft',
    'type.disclosure': 'Art. 22 disclosure request',
    'type.restriction': 'Art. 23 restriction request',
    'type.complaint': 'Art. 83 complaint',
    'activity.mining': 'mining',
    'activity.smelting': 'smelting',
    'activity.refining': 'refining',
    'activity.processing': 'processing',
    'activity.manufacturing': 'manufacturing',
    'activity.recycling': 'recycling',
    'activity.trading': 'trading',
    filter: 'Filter the list',
    selected: '{n} selected',
    suppressed: 'suppressed (too few companies)',
    chartTitle: 'Production locations by country',
    chartDesc: 'Bar chart of the number of production locations per country; suppressed cells are hatched and labelled, never drawn as zero.',
    deadline: 'deadline',
    overdue: 'overdue',
    'deadline.consent': 'companies’ consent',
    'deadline.access-window': 'access window',
    'deadline.access-closes': 'access closes',
    'deadline.improvement-period': 'improvement period',
    'deadline.vote': 'vote closes',
  },
  nl: {
    'state.awaiting_ruling': 'wacht op de Kerngroep',
    'state.awaiting_consent': 'wacht op toestemming bedrijven',
    'state.awaiting_access': 'wacht op inzage',
    'state.access_open': 'inzage open',
    'state.access_closed': 'inzage gesloten',
    'state.reported': 'gemeld',
    'state.in_dialogue': 'in dialoog',
    'state.closed_resolved': 'gesloten: opgelost',
    'state.closed_joint_project': 'gesloten: gezamenlijk project',
    'state.closed_no_agreement': 'gesloten: geen overeenstemming',
    'state.rejected': 'afgewezen',
    'state.withdrawn': 'ingetrokken',
    'state.approved': 'goedgekeurd',
    'state.improvement_period': 'verbetertermijn',
    'state.follow_up': 'opvolging',
    'state.dismissed': 'ongegrond',
    'state.closed': 'gesloten',
    'state.awaiting_admissibility': 'wacht op ontvankelijkheid',
    'state.not_admissible': 'niet ontvankelijk',
    'state.removal_decided': 'verwijdering besloten',
    'type.accession': 'Art. 70 verzoek tot toetreding',
    'type.removal': 'Art. 76 verwijdering',
    'type.yearly_report': 'Art. 51 jaarverslag',
    'state.published': 'gepubliceerd',
    'state.draft': 'concept',
    'type.disclosure': 'Art. 22 verzoek om inzage',
    'type.restriction': 'Art. 23 verzoek om beperking',
    'type.complaint': 'Art. 83 klacht',
    'activity.mining': 'mijnbouw',
    'activity.smelting': 'smelten',
    'activity.refining': 'raffinage',
    'activity.processing': 'verwerking',
    'activity.manufacturing': 'productie',
    'activity.recycling': 'recycling',
    'activity.trading': 'handel',
    filter: 'Lijst filteren',
    selected: '{n} gekozen',
    suppressed: 'onderdrukt (te weinig bedrijven)',
    chartTitle: 'Productielocaties per land',
    chartDesc: 'Staafdiagram van het aantal productielocaties per land; onderdrukte cellen zijn gearceerd en benoemd, nooit als nul getekend.',
    deadline: 'termijn',
    overdue: 'te laat',
    'deadline.consent': 'toestemming bedrijven',
    'deadline.access-window': 'inzageperiode',
    'deadline.access-closes': 'inzage sluit',
    'deadline.improvement-period': 'verbetertermijn',
    'deadline.vote': 'stemming sluit',
  },
};
// French and Spanish for the local partners (issue 14, item 6)
Object.assign(words, sharedFrEs);

export function useSharedTexts() {
  return useTexts(words);
}

export function StateBadge({ state }: { state: string }) {
  const w = useSharedTexts();
  const key = `state.${state}` as keyof (typeof words)['en'];
  return <span className={`badge ${state}`}>{words.en[key] ? w(key) : state.replaceAll('_', ' ')}</span>;
}

export function useCaseWords() {
  const w = useSharedTexts();
  const { language } = useSession();
  return {
    state: (s: string) => (words.en[`state.${s}` as keyof (typeof words)['en']] ? w(`state.${s}` as keyof (typeof words)['en']) : s.replaceAll('_', ' ')),
    type: (t: string) => (words.en[`type.${t}` as keyof (typeof words)['en']] ? w(`type.${t}` as keyof (typeof words)['en']) : t),
    activity: (a: string) => (words.en[`activity.${a}` as keyof (typeof words)['en']] ? w(`activity.${a}` as keyof (typeof words)['en']) : a),
    /** a raw material, a round, a signal, a timeline event … in words (issue 14, item 6) */
    material: (m: string) => valueText(language, 'material', m),
    value: (group: string, code: string | number | null | undefined) => valueText(language, group, code),
  };
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled group of checkboxes (keyboard friendly, works at 360 px), with a filter box for long lists. */
export function MultiPicker({ legend, options, value, onChange, filterable = false, name, problems = [] }: { legend: string; options: Option[]; value: string[]; onChange: (v: string[]) => void; filterable?: boolean; name: string; problems?: string[] }) {
  const w = useSharedTexts();
  const [filter, setFilter] = useState('');
  const id = useId();
  const shown = filter ? options.filter((o) => o.label.toLowerCase().includes(filter.toLowerCase()) || o.value.toLowerCase().includes(filter.toLowerCase())) : options;
  return (
    <fieldset aria-describedby={problems.length ? `${id}-problem` : undefined} aria-invalid={problems.length ? true : undefined}>
      <legend>
        {legend} <span className="muted small">({w('selected', { n: value.length })})</span>
      </legend>
      <FieldError id={`${id}-problem`} problems={problems} />
      {filterable && (
        <>
          <label className="small" htmlFor={`${id}-filter`}>
            {w('filter')}
          </label>
          <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </>
      )}
      <div className="picker">
        {shown.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function useCountryOptions(): Option[] {
  const { language } = useSession();
  return useMemo(
    () => COUNTRY_CODES.map((c) => ({ value: c, label: `${countryName(language, c)} (${c})` })).sort((a, b) => a.label.localeCompare(b.label)),
    [language],
  );
}

export interface ChartBar {
  label: string;
  value: number | null; // null: suppressed
}

/** A simple SVG bar chart; a suppressed cell is a hatched bar labelled "suppressed", never a zero-length bar. */
export function BarChart({ bars, title, desc }: { bars: ChartBar[]; title?: string; desc?: string }) {
  const w = useSharedTexts();
  const titleId = useId();
  const descId = useId();
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowH = 26;
  const labelW = 130;
  const width = 520;
  const barMax = width - labelW - 60;
  const height = bars.length * rowH + 10;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{title ?? w('chartTitle')}</title>
      <desc id={descId}>{desc ?? w('chartDesc')}</desc>
      <defs>
        <pattern id="suppressed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ece6f5" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#5b3f8c" strokeWidth="2" />
        </pattern>
      </defs>
      {bars.map((b, i) => {
        const y = i * rowH + 5;
        const len = b.value === null ? barMax * 0.35 : Math.max(2, (b.value / max) * barMax);
        return (
          <g key={b.label}>
            <text x={labelW - 6} y={y + 16} textAnchor="end">
              {b.label.length > 20 ? `${b.label.slice(0, 19)}…` : b.label}
            </text>
            <rect className={b.value === null ? 'bar suppressed' : 'bar'} x={labelW} y={y + 3} width={len} height={rowH - 8} rx="2" />
            <text x={labelW + len + 6} y={y + 16} className={b.value === null ? 'sup' : undefined}>
              {b.value === null ? w('suppressed') : b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface PageOf<T> {
  items: T[];
  total?: number;
  page?: number;
  pageSize?: number;
  nextCursor?: string | null;
}

/** A list that pages on the server: `?page=&pageSize=` on the path; reads `{items,total}` or a plain array. */
export function usePaged<T>(path: ApiPath<'GET'> | null, pageSize = 25) {
  const [page, setPage] = useState(1);
  const sep = path?.includes('?') ? '&' : '?';
  const loaded = useApi<unknown>(path ? (`${path}${sep}page=${page}&pageSize=${pageSize}` as ApiPath<'GET'>) : null);
  const items = itemsOf<T>(loaded.data);
  const total = (loaded.data as PageOf<T> | undefined)?.total;
  const hasNext = total !== undefined ? page * pageSize < total : items.length >= pageSize;
  return { ...loaded, items, total, page, setPage, hasNext };
}

/** A deadline with "overdue" when it has passed. */
export function Deadline({ at, kind }: { at: string; kind?: string }) {
  const { language } = useSession();
  const w = useSharedTexts();
  const now = useNow();
  const overdue = Date.parse(at) < now;
  return (
    <span>
      {kind ? `${`deadline.${kind}` in words.en ? w(`deadline.${kind}` as keyof (typeof words)['en']) : kind.replaceAll('_', ' ').replaceAll('-', ' ')}: ` : ''}
      {formatDate(language, at, true)} {overdue && <span className="badge overdue">{w('overdue')}</span>}
    </span>
  );
}

export interface CaseSummary {
  id: string;
  type: string;
  /** built by the API from type, scope and subject, in the person's stored language (the page builds its own) */
  title?: string;
  scope?: TitleFacts['scope'];
  approvedScope?: TitleFacts['scope'];
  restriction?: TitleFacts['restriction'];
  state: string;
  createdAt: string;
  updatedAt?: string;
  grounds?: string;
  requester?: { id: string; name: string | null } | null;
  onBehalfOf?: { id: string; name: string | null } | null;
  subjectCompany?: { id: string; name: string | null } | null;
  ruling?: { stage: string; escalated: boolean; outcome: string | null; openedAt: string } | null;
  availableActions?: string[];
  deadlines?: { kind: string; dueAt: string }[];
  nextDeadline?: { kind: string; dueAt: string } | null;
  access?: { openedAt: string | null; closesAt: string | null };
}

/** What a case table shows of a case: a `CaseSummary`, or a case of the generated schema (`CaseViewDto`, dates optional). */
export type TableCase = Omit<CaseSummary, 'createdAt'> & { createdAt?: string };

/** The earliest open deadline of a case: the list's `nextDeadline`, the case's `deadlines`, or the access window's end. */
export function firstDeadline(c: TableCase): { kind: string; dueAt: string } | null {
  const all = [...(c.deadlines ?? []), ...(c.nextDeadline ? [c.nextDeadline] : [])];
  if (c.access?.closesAt && c.state === 'access_open') all.push({ kind: 'access-closes', dueAt: c.access.closesAt });
  return all.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0] ?? null;
}

/** A compact table of cases (used by every group's overview); below 40rem each row is a card (styles.css `.cards`). */
export function CaseTable({ cases, caption, empty }: { cases: TableCase[]; caption: string; empty: string }) {
  const { language } = useSession();
  const t = useTexts(tableWords);
  const title = useCaseTitle();
  const now = useNow();
  if (!cases.length) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="cards">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('case')}</th>
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('requester')}</th>
            <th scope="col">{t('deadline')}</th>
            <th scope="col">{t('opened')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => {
            const d = firstDeadline(c);
            return (
              <tr key={c.id} className={d && Date.parse(d.dueAt) < now ? 'overdue' : undefined}>
                <td data-label={t('case')}>
                  <Link to={`/cases/${c.id}`}>{title(c)}</Link>
                </td>
                <td data-label={t('state')}>
                  <StateBadge state={c.state} />
                  {c.ruling?.escalated && c.ruling.stage !== 'decided' && <div className="small">{t('escalated')}</div>}
                </td>
                <td data-label={t('requester')}>{c.onBehalfOf?.name ?? c.requester?.name ?? '—'}</td>
                <td data-label={t('deadline')}>{d ? <Deadline at={d.dueAt} kind={d.kind} /> : '—'}</td>
                <td data-label={t('opened')}>{formatDate(language, c.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const tableWords = {
  en: { case: 'Case', state: 'State', requester: 'Requester', deadline: 'Next deadline', opened: 'Opened', escalated: 'escalated to the assembly' },
  nl: { case: 'Zaak', state: 'Status', requester: 'Verzoeker', deadline: 'Eerstvolgende termijn', opened: 'Geopend', escalated: 'voorgelegd aan de vergadering' },
};
// French and Spanish for the local partners (issue 14, item 6)
Object.assign(tableWords, { fr: { ...sharedFrEs.fr, deadline: 'Prochaine échéance' }, es: { ...sharedFrEs.es, deadline: 'Próximo plazo' } });

/** Tiles linking to the pages of a group's overview. */
export function Tiles({ items }: { items: { to: string; title: string; text: string }[] }) {
  return (
    <ul className="tiles">
      {items.map((i) => (
        <li key={i.to}>
          <Link to={i.to}>{i.title}</Link>
          <p>{i.text}</p>
        </li>
      ))}
    </ul>
  );
}

