import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { type CaseView } from './types.ts';
import { shielded, words } from './words.ts';

export function Messages({ c, onDone }: { c: CaseView; onDone(): void }) {
  const t = useTexts(words);
  const { language } = useSession();
  const [body, setBody] = useState('');
  const [agreed, setAgreed] = useState(false);
  const action = useAction();
  const closed = /^closed|rejected|withdrawn|dismissed/.test(c.state);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api('POST', `/cases/${c.id}/messages`, { body: body.trim(), ...(agreed ? { kind: 'agreed-action' } : {}) }))) {
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
        <form onSubmit={submit}>
          <label htmlFor="message-body">{t('newMessage')}</label>
          <textarea id="message-body" required value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} />
          <label className="check">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} /> {t('agreedAction')}
          </label>
          <ErrorMessage error={action.error} />
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
