import { ResetFactorsButton } from '../security/reset-button.tsx';
import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import { ErrorMessage, Loading, useAction, useTexts, useValues } from '../components.tsx';
import type { Body } from '../api/types.ts';
import { useFieldErrors } from '../form-errors.tsx';
import { type Key, type Language, LANGUAGES } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { words } from './words.ts';
import { type Organisation } from './types.ts';

type Invite = Body<'post', '/api/v1/organisations/{id}/people'>;
type Role = NonNullable<Invite['roles']>[number];
const EMPTY: { name: string; email: string; language: NonNullable<Invite['language']>; admin: boolean; staff: boolean } = { name: '', email: '', language: 'nl', admin: false, staff: false };

export function People({ org }: { org: Organisation }) {
  const t = useTexts(words);
  const v = useValues();
  const people = useGet('/api/v1/organisations/{id}/people', { path: { id: org.id } });
  const [form, setForm] = useState(EMPTY);
  const invite = useAction();
  const f = useFieldErrors(invite.error);
  const session = useSession();
  const common = (key: Key) => session.t(key);
  const disable = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const roles: Role[] = ['member', ...(form.admin ? (['org_admin'] as const) : []), ...(form.staff ? (['secretariat_staff'] as const) : [])];
    if (await invite.run(() => call(client.POST('/api/v1/organisations/{id}/people', { params: { path: { id: org.id } }, body: { name: form.name.trim(), email: form.email.trim(), language: form.language, roles } })))) {
      setForm(EMPTY);
      people.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="people-title">
      <h2 id="people-title">
        {t('people')} — {org.name}
      </h2>
      {people.loading && <Loading />}
      <ErrorMessage error={people.error} />
      {(people.data ?? []).length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('disable')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(people.data ?? []).map((p) => {
                const off = p.status === 'disabled' || Boolean(p.disabledAt);
                return (
                  <tr key={p.id}>
                    <td>{p.name ?? ''}</td>
                    <td>{p.email}</td>
                    <td>{off ? t('disabled') : v('personStatus', p.status)}</td>
                    <td>
                      {!off && (
                        <button
                          type="button"
                          className="danger"
                          aria-label={`${t('disable')}: ${p.name ?? p.email}`}
                          disabled={disable.busy}
                          onClick={() => void disable.run(() => call(client.POST('/api/v1/people/{id}/disable', { params: { path: { id: p.id } } }))).then(() => people.reload())}
                        >
                          {t('disable')}
                        </button>
                      )}{' '}
                      {!off && <ResetFactorsButton personId={p.id} name={p.name ?? p.email} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={disable.error} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h3>{t('invite')}</h3>
        <label htmlFor="inv-name">{t('name')}</label>
        <input id="inv-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...f.field('name', 'inv-name', t('name'))} />
        {f.at('inv-name')}
        <label htmlFor="inv-email">{t('email')}</label>
        <input id="inv-email" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} {...f.field('email', 'inv-email', t('email'))} />
        {f.at('inv-email')}
        <label htmlFor="inv-lang">{t('language')}</label>
        {/* the person's language of mail and pages; French and Spanish for the local partners (issue 14, item 6) */}
        <select id="inv-lang" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as Language })} {...f.field('language', 'inv-lang', t('language'))}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {common(`lang.name.${l}` as Key)}
            </option>
          ))}
        </select>
        {f.at('inv-lang')}
        <fieldset {...f.field('roles', 'inv-roles', t('roles'))} id="inv-roles">
          <legend>{t('roles')}</legend>
          <label className="check">
            <input type="checkbox" checked={form.admin} onChange={(e) => setForm({ ...form, admin: e.target.checked })} /> {t('admin')}
          </label>
          {org.kind === 'secretariat' && (
            <label className="check">
              <input type="checkbox" checked={form.staff} onChange={(e) => setForm({ ...form, staff: e.target.checked })} /> {t('staff')}
            </label>
          )}
        </fieldset>
        {f.at('inv-roles')}
        {f.summary()}
        {invite.done && <p className="ok" role="status">{t('invited')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={invite.busy}>
            {t('sendInvite')}
          </button>
        </div>
      </form>
    </section>
  );
}
