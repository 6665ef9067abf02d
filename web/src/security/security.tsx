import type { Language } from '../i18n.ts';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import type { Answer, Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page } from '../components.tsx';
import { useGet } from '../api/client.ts';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { AddPasskey, type FactorStatus, RecoveryCodes, TotpSetup, useFactorTexts } from './parts.tsx';

type MethodKey = 'method.password' | 'method.totp' | 'method.recovery' | 'method.passkey';

/** `/security`: one's own second factors (issue 17): the app, passkeys (add, rename, remove), recovery codes. */
export function SecurityPage() {
  const w = useFactorTexts();
  const { language } = useSession();
  const status = useGet('/api/v1/me/second-factor');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      status.reload();
    } catch (e) {
      setError(e);
    }
  };
  const s = status.data;
  const methods = (s?.session.methods ?? []).map((m) => (['password', 'totp', 'recovery', 'passkey'].includes(m) ? w(`method.${m}` as MethodKey) : m)).join(' + ');

  return (
    <Page title={w('security.title')}>
      {status.loading && !s && <Loading />}
      <ErrorMessage error={status.error ?? error} />
      {codes && (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            status.reload();
          }}
        />
      )}
      {s && !codes && (
        <>
          <p>{w('security.session', { methods })}</p>
          {!s.required && <p className="muted">{w('enrol.optional')}</p>}
          <div className="card">
            <h2>{w('totp.title')}</h2>
            {s.totp.enrolled ? (
              <>
                <p>{w('totp.enrolled')}</p>
                <button type="button" onClick={() => void act(() => api('DELETE', '/me/second-factor/totp'))}>
                  {w('totp.remove')}
                </button>
              </>
            ) : (
              <>
                <p>{w('totp.none')}</p>
                <TotpSetup onDone={(c) => (c ? setCodes(c) : status.reload())} />
              </>
            )}
          </div>
          <div className="card">
            <h2>{w('passkey.title')}</h2>
            {s.passkeys.length === 0 && <p>{w('passkey.none')}</p>}
            <ul className="passkeys">
              {s.passkeys.map((p) => (
                <PasskeyItem key={p.id} passkey={p} language={language} act={act} />
              ))}
            </ul>
            <AddPasskey onAdded={(c) => (c ? setCodes(c) : status.reload())} />
          </div>
          <div className="card">
            <h2>{w('codes.title')}</h2>
            <p>{w('codes.left', { count: s.recoveryCodesLeft })}</p>
            {(s.totp.enrolled || s.passkeys.length > 0) && (
              <button type="button" onClick={() => void act(async () => setCodes((await api<Answer<'post', '/api/v1/me/second-factor/recovery-codes'>>('POST', '/me/second-factor/recovery-codes')).recoveryCodes))}>
                {w('codes.renew')}
              </button>
            )}
            <p className="muted small">{w('security.lost')}</p>
          </div>
        </>
      )}
    </Page>
  );
}

function PasskeyItem({ passkey, language, act }: { passkey: FactorStatus['passkeys'][number]; language: Language; act: (work: () => Promise<unknown>) => Promise<void> }) {
  const w = useFactorTexts();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api('PATCH', `/me/second-factor/passkeys/${passkey.id}`, { name: name.trim() } satisfies Body<'patch', '/api/v1/me/second-factor/passkeys/{id}'>)).then(() => setEditing(false));
  };
  return (
    <li>
      {editing ? (
        <form onSubmit={save} className="inline">
          <label htmlFor={`pk-${passkey.id}`}>{w('passkey.name')}</label>
          <input id={`pk-${passkey.id}`} maxLength={60} required value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">{w('passkey.save')}</button>
        </form>
      ) : (
        <>
          <strong>{passkey.name}</strong>{' '}
          <span className="muted small">
            {w('passkey.created', { date: formatDate(language, passkey.createdAt) })}
            {passkey.lastUsedAt ? ` · ${w('passkey.used', { date: formatDate(language, passkey.lastUsedAt) })}` : ''}
          </span>{' '}
          <button type="button" className="link" onClick={() => setEditing(true)} aria-label={`${w('passkey.rename')}: ${passkey.name}`}>
            {w('passkey.rename')}
          </button>{' '}
          <button type="button" className="link" onClick={() => void act(() => api('DELETE', `/me/second-factor/passkeys/${passkey.id}`))} aria-label={`${w('passkey.remove')}: ${passkey.name}`}>
            {w('passkey.remove')}
          </button>
        </>
      )}
    </li>
  );
}
