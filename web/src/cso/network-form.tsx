import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import type { Answer, Body } from '../api/types.ts';
import { ErrorMessage, Loading, useAction, useTexts, useValues } from '../components.tsx';
import { MultiPicker, RAW_MATERIALS, useCountryOptions } from '../shared.tsx';
import { networkFormFrEs } from './network-form.words.fr-es.ts';
import { problemText } from '../form-errors.tsx';

/**
 * The form that keeps one organisation's entries in the CSO expertise overview (art. 22, first sentence), shared
 * by the two user groups the API lets write them (policies/cso-expertise.yaml): an NGO or union its own
 * ("Our network", `/ngo/expertise`, rule cso-maintains-own-entries) and the secretariat any NGO's or union's
 * (`/secretariat/expertise`, rule secretariat-maintains-overview). Its own module, so the secretariat's chunk
 * does not pull in the NGO pages (issue 8, item 8).
 */

/** One entry of the CSO expertise overview (`GET /api/v1/cso-expertise`, generated from the OpenAPI document). */
export type ExpertiseEntry = components['schemas']['CsoExpertiseDto'];

const words = {
  en: {
    ownTitle: 'Our network',
    ownIntro: 'Where {org} has a network: the regions and raw materials you give the secretariat for the overview (art. 22). Only your own organisation’s entries can be changed here; the others are shown below as they are.',
    ownNone: 'Your organisation has no entries yet.',
    ownDescription: 'Your network there (required)',
    ownSave: 'Save our network',
    ownSaved: 'Saved. The overview shows your entries.',
    staffTitle: 'Network of {org}',
    staffIntro: 'Where {org} has a network, as the secretariat keeps it in the overview (art. 22). Saving replaces all of this organisation’s entries at once; the change is recorded in the audit log.',
    staffNone: 'This organisation has no entries yet.',
    staffDescription: 'The network there (required)',
    staffSave: 'Save the network of {org}',
    staffSaved: 'Saved. The overview every party sees shows these entries.',
    country: 'Country',
    entry: 'Network {n}',
    region: 'Region (optional, e.g. CD-NK or North Kivu)',
    materials: 'Raw materials',
    otherMaterial: 'Other raw material',
    addMaterial: 'Add raw material',
    remove: 'Remove network {n}',
    add: 'Add a region',
    fix: 'Not saved. Fix the fields marked below.',
    problems: 'What to fix',
    where: 'Field',
    problem: 'Problem',
    regionShort: 'Region',
    descriptionShort: 'Network',
  },
  nl: {
    ownTitle: 'Ons netwerk',
    ownIntro: 'Waar {org} een netwerk heeft: de regio’s en grondstoffen die u het secretariaat voor het overzicht geeft (art. 22). Alleen de gegevens van uw eigen organisatie kunt u hier wijzigen; die van anderen staan hieronder zoals ze zijn.',
    ownNone: 'Uw organisatie heeft nog geen gegevens.',
    ownDescription: 'Uw netwerk daar (verplicht)',
    ownSave: 'Ons netwerk opslaan',
    ownSaved: 'Opgeslagen. Het overzicht toont uw gegevens.',
    staffTitle: 'Netwerk van {org}',
    staffIntro: 'Waar {org} een netwerk heeft, zoals het secretariaat het in het overzicht bijhoudt (art. 22). Opslaan vervangt alle gegevens van deze organisatie in één keer; de wijziging komt in het auditlog.',
    staffNone: 'Deze organisatie heeft nog geen gegevens.',
    staffDescription: 'Het netwerk daar (verplicht)',
    staffSave: 'Netwerk van {org} opslaan',
    staffSaved: 'Opgeslagen. Het overzicht dat elke partij ziet, toont deze gegevens.',
    country: 'Land',
    entry: 'Netwerk {n}',
    region: 'Regio (niet verplicht, bijv. CD-NK of Noord-Kivu)',
    materials: 'Grondstoffen',
    otherMaterial: 'Andere grondstof',
    addMaterial: 'Grondstof toevoegen',
    remove: 'Netwerk {n} verwijderen',
    add: 'Regio toevoegen',
    fix: 'Niet opgeslagen. Verbeter de gemarkeerde velden hieronder.',
    problems: 'Wat te verbeteren',
    where: 'Veld',
    problem: 'Probleem',
    regionShort: 'Regio',
    descriptionShort: 'Netwerk',
  },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, networkFormFrEs);

interface FormEntry {
  key: number;
  country: string;
  region: string;
  rawMaterials: string[];
  other: string;
  description: string;
}

/** The organisation's entries as form rows; a row's key is its place in the list (new rows count on from the last). */
const formEntriesOf = (list: ExpertiseEntry[], organisationId: string): FormEntry[] =>
  list
    .filter((e) => e.organisationId === organisationId)
    .map((e, key) => ({ key, country: e.country, region: e.region ?? '', rawMaterials: e.rawMaterials, other: '', description: e.description }));

/** `entries[0].country` (validation pipe) or `entries.0.country` (service) → [0, 'country']. */
function entryField(field: string | undefined): [number, string] | null {
  const m = /^entries(?:\[(\d+)\]|\.(\d+))\.(\w+)/.exec(field ?? '');
  return m ? [Number(m[1] ?? m[2]), m[3]] : null;
}

/** The id of the control a field problem belongs to (the first checkbox for the raw materials). */
const controlId = (key: number, field: string) => `own-${field === 'rawMaterials' ? 'materials' : field}-${key}`;

/**
 * One organisation's regions and raw materials, saved at once with PUT /cso-expertise/:organisationId. The API's
 * field problems are shown next to the field they name and in a table that moves the focus to that field; nothing
 * is stored until the whole list is valid (the service replaces it in one transaction).
 *
 * `by`: `own` for an NGO or union keeping its own entries, `secretariat` for staff keeping any CSO's.
 */
export function NetworkForm({
  organisationId,
  organisationName,
  onSaved,
  by = 'own',
  focusOnOpen = false,
}: {
  organisationId: string;
  organisationName: string;
  onSaved?: () => void;
  by?: 'own' | 'secretariat';
  focusOnOpen?: boolean;
}) {
  const t = useTexts(words);
  const v = useValues();
  const countryOptions = useCountryOptions();
  const all = useGet('/api/v1/cso-expertise');
  // the entries as loaded until the person changes one; then (and after saving) the form's own list
  const [edited, setEdited] = useState<FormEntry[] | null>(null);
  const loaded = useMemo(() => (all.data ? formEntriesOf(all.data, organisationId) : null), [all.data, organisationId]);
  const entries = edited ?? loaded;
  const setEntries = (change: (list: FormEntry[]) => FormEntry[]) => setEdited(change(entries ?? []));
  const focusKey = useRef<number | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const action = useAction();
  const staff = by === 'secretariat';
  useEffect(() => {
    if (focusKey.current === null) return;
    document.getElementById(`own-country-${focusKey.current}`)?.focus();
    focusKey.current = null;
  }, [entries]);
  useEffect(() => {
    // opened by a choice elsewhere on the page (the secretariat's picker): the keyboard lands on the form
    if (focusOnOpen) titleRef.current?.focus();
  }, [focusOnOpen, organisationId]);

  const err = action.error instanceof ApiError ? action.error : null;
  const problems = new Map<string, string[]>();
  const rows: { key: string; where: string; focus?: string; problem: string }[] = [];
  const fieldName = (field: string) =>
    field === 'country' ? t('country') : field === 'region' ? t('regionShort') : field === 'rawMaterials' ? t('materials') : field === 'description' ? t('descriptionShort') : field;
  for (const [i, p] of (err?.body.details ?? []).entries()) {
    const at = entryField(p.field);
    const entry = at ? entries?.[at[0]] : undefined;
    if (!at || !entry) {
      rows.push({ key: `g${i}`, where: p.field ?? p.column ?? '', problem: problemText(p) });
      continue;
    }
    const id = `${entry.key}-${at[1]}`;
    problems.set(id, [...(problems.get(id) ?? []), problemText(p)]);
    rows.push({ key: `e${i}`, where: `${t('entry', { n: at[0] + 1 })} · ${fieldName(at[1])}`, focus: controlId(entry.key, at[1]), problem: problemText(p) });
  }
  const fieldError = (key: number, field: string) => problems.get(`${key}-${field}`);
  const describe = (key: number, field: string) => (fieldError(key, field) ? { 'aria-invalid': true, 'aria-describedby': `own-${field}-${key}-error` } : {});
  const fieldErrorText = (k: number, field: string) => {
    const list = fieldError(k, field);
    return list ? (
      <p className="error small" id={`own-${field}-${k}-error`}>
        {[...new Set(list)].join('; ')}
      </p>
    ) : null;
  };
  const focusField = (id: string) => {
    const el = document.getElementById(id);
    (el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input, select, textarea'))?.focus();
  };

  const update = (key: number, patch: Partial<FormEntry>) => setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  const addMaterial = (e: FormEntry) => {
    const m = e.other.trim().toLowerCase();
    if (!m) return;
    update(e.key, { rawMaterials: e.rawMaterials.includes(m) ? e.rawMaterials : [...e.rawMaterials, m], other: '' });
  };
  const onOtherKey = (e: FormEntry) => (ev: KeyboardEvent<HTMLInputElement>) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault(); // Enter adds the material, it does not save the whole form
    addMaterial(e);
  };
  const addEntry = () => {
    const key = Math.max(-1, ...(entries ?? []).map((e) => e.key)) + 1;
    focusKey.current = key;
    setEntries((list) => [...list, { key, country: '', region: '', rawMaterials: [], other: '', description: '' }]);
    action.setDone(false);
  };
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!entries) return;
    await action.run(async () => {
      const body: Body<'put', '/api/v1/cso-expertise/{organisationId}'> = {
        entries: entries.map((e) => ({ country: e.country, region: e.region.trim() || null, rawMaterials: e.rawMaterials, description: e.description.trim() })),
      };
      const saved = await api<Answer<'put', '/api/v1/cso-expertise/{organisationId}'>>('PUT', `/cso-expertise/${organisationId}`, body);
      setEdited(formEntriesOf(saved, organisationId));
      onSaved?.();
    });
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="own-network-title" noValidate>
      <h2 id="own-network-title" tabIndex={-1} ref={titleRef}>
        {staff ? t('staffTitle', { org: organisationName }) : t('ownTitle')}
      </h2>
      <p className="muted">{t(staff ? 'staffIntro' : 'ownIntro', { org: organisationName })}</p>
      {all.loading && <Loading />}
      <ErrorMessage error={all.error} />
      {entries !== null && entries.length === 0 && <p className="muted">{t(staff ? 'staffNone' : 'ownNone')}</p>}
      {entries?.map((e, i) => (
        <fieldset key={e.key}>
          <legend>{t('entry', { n: i + 1 })}</legend>
          <label htmlFor={`own-country-${e.key}`}>{t('country')}</label>
          <select id={`own-country-${e.key}`} aria-required="true" value={e.country} onChange={(x) => update(e.key, { country: x.target.value })} {...describe(e.key, 'country')}>
            <option value="">—</option>
            {countryOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {fieldErrorText(e.key, 'country')}
          <label htmlFor={`own-region-${e.key}`}>{t('region')}</label>
          <input id={`own-region-${e.key}`} type="text" maxLength={100} value={e.region} onChange={(x) => update(e.key, { region: x.target.value })} {...describe(e.key, 'region')} />
          {fieldErrorText(e.key, 'region')}
          <div id={`own-materials-${e.key}`}>
            <MultiPicker
              name={`own-materials-${e.key}`}
              legend={t('materials')}
              options={[...new Set([...RAW_MATERIALS, ...e.rawMaterials])].map((m) => ({ value: m, label: v('material', m) }))}
              value={e.rawMaterials}
              onChange={(v) => update(e.key, { rawMaterials: v })}
            />
          </div>
          {fieldErrorText(e.key, 'rawMaterials')}
          <label htmlFor={`own-other-${e.key}`}>{t('otherMaterial')}</label>
          <div className="row">
            <input id={`own-other-${e.key}`} type="text" maxLength={60} value={e.other} onChange={(x) => update(e.key, { other: x.target.value })} onKeyDown={onOtherKey(e)} />
            <button type="button" onClick={() => addMaterial(e)} disabled={!e.other.trim()}>
              {t('addMaterial')}
            </button>
          </div>
          <label htmlFor={`own-description-${e.key}`}>{t(staff ? 'staffDescription' : 'ownDescription')}</label>
          <textarea id={`own-description-${e.key}`} aria-required="true" maxLength={2000} value={e.description} onChange={(x) => update(e.key, { description: x.target.value })} {...describe(e.key, 'description')} />
          {fieldErrorText(e.key, 'description')}
          <div className="row">
            <button type="button" onClick={() => setEntries((list) => list.filter((x) => x.key !== e.key))}>
              {t('remove', { n: i + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      {err?.body.details?.length ? (
        <div className="error" role="alert">
          <p>{t('fix')}</p>
          <div className="table-wrap">
            <table className="problems">
              <caption>{t('problems')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('where')}</th>
                  <th scope="col">{t('problem')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td>
                      {r.focus ? (
                        <button type="button" className="link" onClick={() => focusField(r.focus!)}>
                          {r.where}
                        </button>
                      ) : (
                        r.where
                      )}
                    </td>
                    <td>{r.problem}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <ErrorMessage error={action.error} why={{ action: 'update', subject: 'CsoExpertise', id: organisationId }} />
      )}
      <div className="row">
        <button type="button" onClick={addEntry} disabled={entries === null}>
          {t('add')}
        </button>
        <button type="submit" className="primary" disabled={action.busy || entries === null}>
          {staff ? t('staffSave', { org: organisationName }) : t('ownSave')}
        </button>
      </div>
      {action.done && (
        <p className="ok" role="status">
          {t(staff ? 'staffSaved' : 'ownSaved')}
        </p>
      )}
    </form>
  );
}
