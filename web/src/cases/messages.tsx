import { type FormEvent, useState } from 'react';
import { call, client } from '../api/client.ts';
import { useAction, useTexts } from '../components.tsx';
import { useFieldErrors } from '../form-errors.tsx';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { type CaseView } from './types.ts';
import { shielded, words } from './words.ts';

export function Messages({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const t = useTexts(words);
  const { language } = useSession();
  const [body, setBody] = useState('');
  const [agreed, setAgreed] = useState(false);
  const action = useAction();
  const f = useFieldErrors(action.error);
  const closed = /^closed|rejected|withdrawn|dismissed/.test(c.state);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => call(client.POST('/api/v1/cases/{id}/messages', { params: { path: { id: c.id } }, body: { body: body.trim(), ...(agreed ? { kind: 'agreed-action' as const } : {}) } })))) {
      setBody('');
      setAgreed(false);
      onDone();
    }
  };
  return (
    <section>
      <h2>{t('messages')}</h2>
      {c.messages!.length === 0 ? (
        <p className="muted">{t('noMessages')}</p>
      ) : (
        <ul className="messages">
          {c.messages!.map((m) => (
            <li key={m.id}>
              <div className="meta">
                {m.author === null ? shielded(t, m.constituency) : `${m.author} (${m.organisation})`} · {formatDate(language, m.at, true)}
                {m.kind === 'agreed-action' ? ` · ${t('agreedAction').toLowerCase()}` : ''}
              </div>
              {m.body}
            </li>
          ))}
        </ul>
      )}
      {!closed && (
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor="message-body">{t('newMessage')}</label>
          <textarea id="message-body" required value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} {...f.field('body', 'message-body', t('newMessage'))} />
          {f.at('message-body')}
          <label className="check">
            <input id="message-kind" type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} {...f.field('kind', 'message-kind', t('agreedAction'))} /> {t('agreedAction')}
          </label>
          {f.at('message-kind')}
          {f.summary()}
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy || !body.trim()}>
              {t('send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
