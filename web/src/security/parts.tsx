import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { Answer, Body } from '../api/types.ts';
import { useTexts } from '../components.tsx';
import { stepWords } from './step-words.ts';
import { securityFrEs } from './words.fr-es.ts';
import { words } from './words.ts';

/** `GET /api/v1/me/second-factor` (SecondFactorStatusDto of the generated schema). */
export type FactorStatus = Answer<'get', '/api/v1/me/second-factor'>;

// the set-up pages also show the sign-in step's words (a code, too many attempts)
const factorWords = {
  en: { ...stepWords.en, ...words.en },
  nl: { ...stepWords.nl, ...words.nl },
  fr: { ...stepWords.fr, ...securityFrEs.fr },
  es: { ...stepWords.es, ...securityFrEs.es },
};
export const useFactorTexts = () => useTexts(factorWords);

/** Ten recovery codes, shown once, with the button that says they are saved. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const w = useFactorTexts();
  return (
    <div className="card" role="region" aria-labelledby="codes-title">
      <h2 id="codes-title">{w('codes.title')}</h2>
      <p>{w('codes.intro')}</p>
      <ul className="recovery-codes" aria-label={w('codes.listLabel')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onDone}>
        {w('codes.done')}
      </button>
    </div>
  );
}

/** Setting up an authenticator app: the QR code and the key (shown once), confirmed with a code. */
export function TotpSetup({ onDone }: { onDone: (codes: string[] | undefined) => void }) {
  const w = useFactorTexts();
  const [begun, setBegun] = useState<{ secret: string; qrCode: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setError(null);
    try {
      setBegun(await api<Answer<'post', '/api/v1/me/second-factor/totp'>>('POST', '/me/second-factor/totp'));
    } catch (e) {
      setError(w('error.generic', { message: (e as Error).message }));
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Body<'post', '/api/v1/me/second-factor/totp/confirm'> = { code: code.trim() };
      const r = await api<Answer<'post', '/api/v1/me/second-factor/totp/confirm'>>('POST', '/me/second-factor/totp/confirm', body);
      onDone(r.recoveryCodes);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? w('step.tooMany') : w('totp.wrong'));
    } finally {
      setBusy(false);
    }
  };

  if (!begun) {
    return (
      <div>
        <button type="button" className="primary" onClick={() => void start()}>
          {w('totp.start')}
        </button>
        {error && <p className="error" role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <form onSubmit={(e) => void confirm(e)} className="totp-setup">
      <p>{w('totp.scan')}</p>
      <img src={begun.qrCode} alt={w('totp.qrAlt')} width={220} height={220} className="qr" />
      <p>
        {w('totp.secret')} <code className="secret">{begun.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
      <label htmlFor="totp-code">{w('totp.code')}</label>
      <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\s*\d{6}\s*" required value={code} onChange={(e) => setCode(e.target.value)} />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {w('totp.confirm')}
      </button>
    </form>
  );
}

/** Registering a passkey under a name (the browser asks the authenticator). */
export function AddPasskey({ onAdded }: { onAdded: (codes: string[] | undefined) => void }) {
  const w = useFactorTexts();
  const [name, setName] = useState(() => w('passkey.defaultName'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const supported = typeof window.PublicKeyCredential === 'function';

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const { challengeId, options } = await api<Answer<'post', '/api/v1/me/second-factor/passkeys/options'>>('POST', '/me/second-factor/passkeys/options', {});
      const response = await startRegistration({ optionsJSON: options as never });
      const body: Body<'post', '/api/v1/me/second-factor/passkeys'> = { challengeId, name: name.trim(), response: response as unknown as Record<string, unknown> };
      const r = await api<Answer<'post', '/api/v1/me/second-factor/passkeys'>>('POST', '/me/second-factor/passkeys', body);
      onAdded(r.recoveryCodes);
    } catch {
      setError(w('passkey.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (!supported) return <p className="muted">{w('passkey.unsupported')}</p>;
  return (
    <form onSubmit={(e) => void add(e)} className="passkey-add">
      <label htmlFor="passkey-name">{w('passkey.name')}</label>
      <input id="passkey-name" name="name" maxLength={60} required value={name} onChange={(e) => setName(e.target.value)} />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {w('passkey.add')}
      </button>
    </form>
  );
}
