import { type DragEvent, type FormEvent, useRef, useState } from 'react';
import { api, apiBlob, ApiError, type ApiPath, apiUpload, saveBlob } from '../api.ts';
import type { components } from '../api/schema';
import type { Answer } from '../api/types.ts';
import { ErrorMessage, Page, ProblemTable, useAction, useTexts } from '../components.tsx';
import { StatusLine } from '../confirm.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { countryName, useCaseWords } from '../shared.tsx';

/**
 * Upload (art. 17; issue 14 items 3-4): the file goes up with its bytes counted, then the page shows the rows the
 * server has checked ("rows checked N of M", polled), and the server answers with what the new list would change — entries added, removed, changed — before anything is stored. Only
 * "Replace the list" stores it (against the revision the summary was made for); "Cancel" leaves the list as it was.
 */
const words = {
  en: {
    title: 'Upload the supplier list',
    year: 'Year',
    file: 'File (CSV or XLSX)',
    drop: 'Drop the file here, or choose it:',
    chosen: 'Chosen: {name}',
    check: 'Check the changes',
    sending: 'Sending the file: {sent} of {total}',
    checking: 'The file is sent; the server is checking every row…',
    rowsChecked: 'Rows checked: {n} of {m}',
    rowsCheckedSoFar: 'Rows checked: {n}',
    storingRows: 'All {n} rows checked; storing them…',
    first: 'This is the first list for {year}: {n} entries will be stored.',
    summary: 'What the new list changes',
    summaryIntro: 'Now {old} entries (revision {rev}); after the upload {n}.',
    added: 'Added: {n}',
    removed: 'Removed: {n}',
    changed: 'Changed: {n}',
    unchanged: '{n} entries stay as they are.',
    more: '… and {n} more',
    row: 'row {n}',
    replace: 'Replace the list',
    store: 'Store the list',
    cancel: 'Cancel',
    cancelled: 'Nothing was changed: your list stays as it was.',
    storing: 'Storing…',
    accepted: '{n} rows checked and stored (revision {rev}).',
    rejected: 'Nothing was stored: fix these rows and upload the whole file again.',
    badRows: 'Rows with a problem',
    list: 'Our supplier list',
    template: 'Download the template',
    templateXlsx: 'Excel template',
    templateCsv: 'CSV template',
    'field.postcode': 'postcode',
    'field.city': 'city',
    'field.region': 'region',
    'field.activityType': 'activity',
    'field.rawMaterials': 'raw materials',
    'field.tier': 'tier',
    'field.volume': 'volume',
    'field.contractNotes': 'contract notes',
    empty: 'empty',
  },
  nl: {
    title: 'Leverancierslijst uploaden',
    year: 'Jaar',
    file: 'Bestand (CSV of XLSX)',
    drop: 'Sleep het bestand hierheen, of kies het:',
    chosen: 'Gekozen: {name}',
    check: 'Wijzigingen bekijken',
    sending: 'Bestand verzenden: {sent} van {total}',
    checking: 'Het bestand is verzonden; de server controleert elke regel…',
    rowsChecked: 'Regels gecontroleerd: {n} van {m}',
    rowsCheckedSoFar: 'Regels gecontroleerd: {n}',
    storingRows: 'Alle {n} regels gecontroleerd; ze worden opgeslagen…',
    first: 'Dit is de eerste lijst voor {year}: {n} regels worden opgeslagen.',
    summary: 'Wat de nieuwe lijst verandert',
    summaryIntro: 'Nu {old} regels (versie {rev}); na het uploaden {n}.',
    added: 'Toegevoegd: {n}',
    removed: 'Verwijderd: {n}',
    changed: 'Gewijzigd: {n}',
    unchanged: '{n} regels blijven zoals ze zijn.',
    more: '… en nog {n}',
    row: 'regel {n}',
    replace: 'De lijst vervangen',
    store: 'De lijst opslaan',
    cancel: 'Annuleren',
    cancelled: 'Er is niets veranderd: uw lijst blijft zoals hij was.',
    storing: 'Opslaan…',
    accepted: '{n} regels gecontroleerd en opgeslagen (versie {rev}).',
    rejected: 'Er is niets opgeslagen: verbeter deze regels en upload het hele bestand opnieuw.',
    badRows: 'Regels met een probleem',
    list: 'Onze leverancierslijst',
    template: 'Sjabloon downloaden',
    templateXlsx: 'Excel-sjabloon',
    templateCsv: 'CSV-sjabloon',
    'field.postcode': 'postcode',
    'field.city': 'plaats',
    'field.region': 'regio',
    'field.activityType': 'activiteit',
    'field.rawMaterials': 'grondstoffen',
    'field.tier': 'tier',
    'field.volume': 'volume',
    'field.contractNotes': 'contractnotities',
    empty: 'leeg',
  },
};
type K = keyof (typeof words)['en'];

// The list-replacement diff, the stored list and the server's count, as the OpenAPI document describes them
// (src/production-locations/list-replacement-preview.ts and its DTOs; web/src/api/schema.d.ts is generated from them).
type Schemas = components['schemas'];
type SummaryEntry = Schemas['SummaryEntryDto'];
type Preview = Answer<'post', '/api/v1/production-locations/uploads/preview'>;
type UploadResult = Answer<'post', '/api/v1/production-locations/uploads'>;
/** What the server reports while it checks and stores the rows (GET /production-locations/uploads/progress/:id). */
type ServerProgress = Answer<'get', '/api/v1/production-locations/uploads/progress/{id}'>;

/** A random UUID for this upload's progress (crypto.randomUUID needs a secure context; getRandomValues does not). */
function progressId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const POLL_MS = 400;
const SHOWN = 20;
const thisYear = new Date().getFullYear();

function bytes(n: number, language: string) {
  const f = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return n >= 1024 * 1024 ? `${f.format(n / 1024 / 1024)} MB` : `${f.format(Math.max(1, Math.round(n / 1024)))} kB`;
}

export function Upload() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const [year, setYear] = useState(thisYear);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ sent: number; total: number; checking: boolean } | null>(null);
  const [server, setServer] = useState<ServerProgress | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  const template = useAction();
  // Issue 14 item 4: bytes sent (the browser counts them), then rows checked (the server counts them, in
  // PostgreSQL, under an id this page picks; polled until the answer comes), then the result.
  const send = <T,>(path: ApiPath<'POST'>) => {
    const form = new FormData();
    form.append('file', file!, file!.name);
    const id = progressId();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiting = true;
    const poll = async () => {
      try {
        const p = await api<ServerProgress>('GET', `/production-locations/uploads/progress/${id}`);
        if (waiting) setServer(p);
      } catch {
        // not there yet (the server reads the file first) or a passing error: ask again
      }
      if (waiting) timer = setTimeout(() => void poll(), POLL_MS);
    };
    setServer(null);
    setProgress({ sent: 0, total: file!.size, checking: false });
    // Polled from the start: the server's count exists only once it has the whole file, and some networks report
    // the upload's end late.
    timer = setTimeout(() => void poll(), POLL_MS);
    return apiUpload<T>(`${path}&progress=${id}` as ApiPath<'POST'>, form, {
      onProgress: (sent, total) => setProgress({ sent, total: total || file!.size, checking: false }),
      onSent: () => setProgress((p) => ({ sent: p?.total ?? file!.size, total: p?.total ?? file!.size, checking: true })),
    }).finally(() => {
      waiting = false;
      clearTimeout(timer);
      setProgress(null);
      setServer(null);
    });
  };
  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setPreview(null);
    setStatus(null);
    await action.run(async () => setPreview(await send<Preview>(`/production-locations/uploads/preview?year=${year}`)));
  };
  const store = async () => {
    if (!preview) return;
    const replaces = preview.current?.listId ?? 'none';
    await action.run(async () => {
      const r = await send<UploadResult>(`/production-locations/uploads?year=${preview.year}&replaces=${replaces}`);
      setPreview(null);
      setStatus(t('accepted', { n: r.accepted, rev: r.revision }));
    });
  };
  const cancel = () => {
    setPreview(null);
    setStatus(t('cancelled'));
  };
  const download = (format: 'xlsx' | 'csv') =>
    template.run(async () => saveBlob(`${language === 'nl' ? 'productielocaties-sjabloon' : 'production-locations-template'}.${format}`, await apiBlob(`/production-locations/template?format=${format}&language=${language}`)));
  const number = (n: number) => new Intl.NumberFormat(language).format(n);
  const err = action.error instanceof ApiError ? action.error : null;
  const rowProblems = err?.status === 422 ? (err.body.details ?? []) : [];
  const describe = (e: SummaryEntry) =>
    `${e.supplierName ?? '—'}${e.city ? `, ${e.city}` : ''} (${countryName(language, e.country)}) · ${cw.activity(e.activityType)} · ${e.rawMaterials.map(cw.material).join(', ')} — ${t('row', { n: e.row })}`;
  const value = (v: Schemas['FieldChangeDto']['from']) => (v === null || v === '' ? t('empty') : Array.isArray(v) ? v.join(', ') : String(v));
  const group = (key: 'added' | 'removed' | 'changed', items: Preview['added'] | Preview['changed']) =>
    preview!.counts[key] > 0 && (
      <section className="diff">
        <h3>{t(key, { n: preview!.counts[key] })}</h3>
        <ul>
          {items.slice(0, SHOWN).map((e) => (
            <li key={`${key}-${e.row}-${e.id ?? ''}`}>
              {describe(e)}
              {'fields' in e && (
                <ul className="small">
                  {(e.fields as Preview['changed'][number]['fields']).map((f) => (
                    <li key={f.field}>
                      {t(`field.${f.field}` as K)}: {value(f.from)} → {value(f.to)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        {preview!.counts[key] > Math.min(SHOWN, items.length) && <p className="muted small">{t('more', { n: preview!.counts[key] - Math.min(SHOWN, items.length) })}</p>}
      </section>
    );
  return (
    <Page title={t('title')}>
      <form className="card" onSubmit={(e) => void check(e)}>
        <label htmlFor="upload-year">{t('year')}</label>
        <input id="upload-year" type="number" min={2000} max={2100} required value={year} disabled={!!preview} onChange={(e) => setYear(Number(e.target.value))} />
        <div
          className={over ? 'drop over' : 'drop'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e: DragEvent) => {
            e.preventDefault();
            setOver(false);
            const f = e.dataTransfer.files[0];
            if (f) {
              setFile(f);
              setPreview(null);
            }
          }}
        >
          <p>{t('drop')}</p>
          <label htmlFor="upload-file">{t('file')}</label>
          <input
            ref={input}
            id="upload-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
          {file && <p className="small">{t('chosen', { name: file.name })}</p>}
        </div>
        {!preview && (
          <div className="row">
            <button type="submit" className="primary" disabled={!file || action.busy}>
              {t('check')}
            </button>
          </div>
        )}
        {progress && (
          <div role="status" aria-live="polite">
            {server ? (
              <>
                <progress max={server.total || 1} value={server.phase === 'storing' || server.total === null ? undefined : Math.min(server.checked, server.total)} aria-label={t('title')} />
                <p className="small">
                  {server.phase === 'storing'
                    ? t('storingRows', { n: number(server.checked) })
                    : server.total === null
                      ? t('rowsCheckedSoFar', { n: number(server.checked) })
                      : t('rowsChecked', { n: number(Math.min(server.checked, server.total)), m: number(server.total) })}
                </p>
              </>
            ) : (
              <>
                <progress max={progress.total || 1} value={progress.checking ? undefined : progress.sent} aria-label={t('title')} />
                <p className="small">{progress.checking ? t('checking') : t('sending', { sent: bytes(progress.sent, language), total: bytes(progress.total, language) })}</p>
              </>
            )}
          </div>
        )}
      </form>
      {preview && (
        <section className="card" aria-labelledby="diff-title">
          <h2 id="diff-title">{t('summary')}</h2>
          {preview.current ? (
            <p>{t('summaryIntro', { old: preview.current.entries, rev: preview.current.revision, n: preview.incoming })}</p>
          ) : (
            <p>{t('first', { year: preview.year, n: preview.incoming })}</p>
          )}
          {preview.current && group('added', preview.added)}
          {group('removed', preview.removed)}
          {group('changed', preview.changed)}
          {preview.current && preview.counts.unchanged > 0 && <p className="muted">{t('unchanged', { n: preview.counts.unchanged })}</p>}
          <div className="row">
            <button type="button" onClick={cancel} disabled={action.busy}>
              {t('cancel')}
            </button>
            <button type="button" className={preview.current && preview.counts.removed > 0 ? 'danger' : 'primary'} onClick={() => void store()} disabled={action.busy}>
              {preview.current ? t('replace') : t('store')}
            </button>
          </div>
        </section>
      )}
      <StatusLine text={status} />
      {status && !preview && status !== t('cancelled') && <Link to="/company/list">{t('list')}</Link>}
      {rowProblems.length > 0 ? (
        <div className="error" role="alert">
          <p>{t('rejected')}</p>
          <ProblemTable problems={rowProblems} caption={t('badRows')} />
        </div>
      ) : (
        <ErrorMessage error={action.error} why={{ action: 'upload', subject: 'ProductionLocation' }} />
      )}
      <h2>{t('template')}</h2>
      <div className="row">
        <button type="button" onClick={() => void download('xlsx')} disabled={template.busy}>
          {t('templateXlsx')}
        </button>
        <button type="button" onClick={() => void download('csv')} disabled={template.busy}>
          {t('templateCsv')}
        </button>
      </div>
      <ErrorMessage error={template.error} />
    </Page>
  );
}
