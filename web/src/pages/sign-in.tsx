import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { Page } from '../components.tsx';
import { CodeForm, useStepTexts } from '../security/code-form.tsx';
import { useSession } from '../session.tsx';

export function SignInPage(_: { next: string | null }) {
  const { t, signIn, signInSecondStep } = useSession();
  const w = useStepTexts();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // issue 17: the password was right; the second factor follows (a code, a recovery code or a passkey)
  const [pendingToken, setPendingToken] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const pending = await signIn(email.trim(), password);
      setPassword('');
      if (pending) setPendingToken(pending.pendingToken);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('signIn.tooMany') : t('signIn.failed'));
    } finally {
      setBusy(false);
    }
  };

  const second = async (proof: { code?: string; recoveryCode?: string } | null) => {
    setBusy(true);
    setError(null);
    try {
      await signInSecondStep(pendingToken, proof);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setPendingToken(null);
        setError(w('step.expired'));
      } else if (err instanceof ApiError && err.status === 429) setError(w('step.tooMany'));
      else setError(proof ? w('step.failed') : w('step.passkeyFailed'));
    } finally {
      setBusy(false);
    }
  };

  if (pendingToken) {
    return (
      <Page title={w('step.title')}>
        <div className="card narrow">
          <p>{w('step.intro')}</p>
          <CodeForm idPrefix="signin" busy={busy} error={error} onSubmit={(proof) => void second(proof)} />
          <p>
            <button type="button" onClick={() => void second(null)} disabled={busy}>
              {w('step.passkey')}
            </button>
          </p>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('signIn.title')}>
      <p className="muted">{t('app.tagline')}</p>
      <form className="card narrow" onSubmit={(e) => void submit(e)} noValidate={false}>
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" name="email" type="email" autoComplete="username webauthn" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p className="muted small">{t('signIn.memoryNote')}</p>
      </form>
      <div className="card narrow">
        <p className="muted small">{w('signIn.or')}</p>
        <button type="button" onClick={() => void second(null)} disabled={busy}>
          {w('signIn.passkey')}
        </button>
      </div>
    </Page>
  );
}
