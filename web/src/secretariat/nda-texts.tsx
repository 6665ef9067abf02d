import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate, valueText } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { words } from './words.ts';

type NdaKind = Body<'post', '/api/v1/ndas/texts'>['kind'];
const NDA_KINDS: NdaKind[] = ['cso-monitoring', 'company-region', 'disclosure', 'supporters-protocol', 'secretariat-obligation'];

export function NdaTexts() {
  const t = useTexts(words);
  const { language } = useSession();
  const texts = useGet('/api/v1/ndas/texts', { header: { 'accept-language': language } });
  const [kind, setKind] = useState<NdaKind>('cso-monitoring');
  // what the secretariat typed over the current text of the kind; the form shows the current text where nothing is typed
  const [draft, setDraft] = useState<{ title?: string; text?: string; validForDays?: number }>({});
  const cur = (texts.data ?? []).find((x) => x.kind === kind);
  const form = { kind, title: draft.title ?? cur?.title ?? '', text: draft.text ?? cur?.text ?? '', validForDays: draft.validForDays ?? cur?.validForDays ?? 730 };
  const setForm = ({ kind: next, ...fields }: typeof form) => {
    if (next !== kind) {
      setKind(next);
      setDraft({});
    } else setDraft(fields);
  };
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => call(client.POST('/api/v1/ndas/texts', { body: { kind: form.kind, title: form.title.trim(), text: form.text, validForDays: form.validForDays } })))) {
      setDraft({});
      texts.reload();
    }
  };
  return (
    <Page title={t('ndas')}>
      <h2>{t('current')}</h2>
      {texts.loading && <Loading />}
      <ErrorMessage error={texts.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">{t('when')}</th>
            </tr>
          </thead>
          <tbody>
            {(texts.data ?? []).map((x) => (
              <tr key={x.kind}>
                <td>{valueText(language, 'ndaKind', x.kind)}</td>
                <td>{x.title ?? ''}</td>
                <td>{x.version}</td>
                <td>
                  <code>{x.sha256.slice(0, 16)}…</code>
                </td>
                <td>{formatDate(language, x.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h2>{t('publish')}</h2>
        <label htmlFor="nda-kind">{t('kind')}</label>
        <select id="nda-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as NdaKind })}>
          {NDA_KINDS.map((k) => (
            <option key={k} value={k}>
              {valueText(language, 'ndaKind', k)}
            </option>
          ))}
        </select>
        <label htmlFor="nda-title">{t('title')}</label>
        <input id="nda-title" required maxLength={200} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        <label htmlFor="nda-text">{t('text')}</label>
        <textarea id="nda-text" required minLength={20} rows={12} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        <label htmlFor="nda-days">{t('validForDays')}</label>
        <input id="nda-days" type="number" min={1} max={3650} value={form.validForDays} onChange={(e) => setForm({ ...form, validForDays: Number(e.target.value) })} />
        <ErrorMessage error={action.error} />
        {action.done && <p className="ok" role="status">{t('published')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('publish')}
          </button>
        </div>
      </form>
    </Page>
  );
}
