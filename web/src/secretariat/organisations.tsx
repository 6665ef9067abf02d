import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts, useValues } from '../components.tsx';
import type { Key } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { words } from './words.ts';
import { type Organisation } from './types.ts';
import { People } from './people-panel.tsx';

type Kind = Body<'post', '/api/v1/organisations'>['kind'];
const KINDS: Kind[] = ['company', 'ngo', 'union', 'branch_org', 'local_partner', 'secretariat', 'supporter'];
const EMPTY: { name: string; slug: string; kind: Kind; country: string; affiliatedTo: string } = { name: '', slug: '', kind: 'company', country: 'NL', affiliatedTo: '' };

export function Organisations() {
  const t = useTexts(words);
  const v = useValues();
  const session = useSession();
  const kindName = (kind: string) => session.t(`kind.${kind}` as Key);
  // the organisations of one sector agreement: a few hundred at most, so one list (the API does not page it)
  const orgs = useGet('/api/v1/organisations');
  const orgItems = orgs.data ?? [];
  const parties = orgItems.filter((o) => (o.kind === 'ngo' || o.kind === 'union') && o.party !== false);
  const [form, setForm] = useState(EMPTY);
  const register = useAction();
  const [selected, setSelected] = useState<Organisation | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Body<'post', '/api/v1/organisations'> = {
      name: form.name.trim(),
      kind: form.kind,
      country: form.country.trim().toUpperCase(),
      ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
      ...(form.kind === 'local_partner' && form.affiliatedTo ? { affiliatedTo: form.affiliatedTo } : {}),
    };
    if (await register.run(() => call(client.POST('/api/v1/organisations', { body })))) {
      setForm(EMPTY);
      orgs.reload();
    }
  };
  return (
    <Page title={t('organisations')}>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('constituency')}</th>
              <th scope="col">{t('party')}</th>
              <th scope="col">{t('people')}</th>
            </tr>
          </thead>
          <tbody>
            {orgItems.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{kindName(o.kind)}{o.status && o.status !== 'active' ? ` (${v('orgStatus', o.status)})` : ''}</td>
                <td>{v('constituency', o.constituency)}</td>
                <td>{o.party === false ? t('no') : t('yes')}</td>
                <td>
                  <button type="button" className="link" onClick={() => setSelected(o)} aria-label={`${t('people')}: ${o.name}`}>
                    {t('people')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {orgs.loading && <Loading />}
      <ErrorMessage error={orgs.error} />
      {selected && <People org={selected} key={selected.id} />}
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h2>{t('register')}</h2>
        <label htmlFor="org-name">{t('name')}</label>
        <input id="org-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor="org-slug">{t('slug')}</label>
        <input id="org-slug" pattern="[a-z0-9-]+" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} />
        <label htmlFor="org-kind">{t('kind')}</label>
        <select id="org-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {kindName(k)}
            </option>
          ))}
        </select>
        <label htmlFor="org-country">{t('country')}</label>
        <input id="org-country" required maxLength={2} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })} />
        {form.kind === 'local_partner' && (
          <>
            <label htmlFor="org-affiliated">{t('affiliatedTo')}</label>
            <select id="org-affiliated" required value={form.affiliatedTo} onChange={(e) => setForm({ ...form, affiliatedTo: e.target.value })}>
              <option value="" />
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </>
        )}
        <ErrorMessage error={register.error} />
        {register.done && <p className="ok" role="status">{t('registered')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={register.busy}>
            {t('register')}
          </button>
        </div>
      </form>
    </Page>
  );
}
