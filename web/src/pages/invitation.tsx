import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, Page, useAction } from '../components.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

/** `/invitation?token=…` from the invitation mail → POST /api/v1/auth/invitations/accept (issue 8, item 2). */
export function InvitationPage({ token }: { token: string | null }) {
  const { t } = useSession();
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();

  if (!token) {
    return (
      <Page title={t('invitation.title')}>
        <p className="error" role="alert">
          {t('invitation.noToken')}
        </p>
      </Page>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== password2);
    if (password !== password2) return;
    const ok = await action.run(() => api('POST', '/auth/invitations/accept', { token, password }));
    if (ok) {
      setPassword('');
      setPassword2('');
    }
  };
  return (
    <Page title={t('invitation.title')}>
      {action.done ? (
        <p className="ok" role="status">
          {t('invitation.done')} <Link to="/sign-in">{t('signIn.title')}</Link>
        </p>
      ) : (
        <form className="card narrow" onSubmit={submit}>
          <p>{t('invitation.intro')}</p>
          <label htmlFor="new-password">{t('invitation.password')}</label>
          <input id="new-password" type="password" autoComplete="new-password" minLength={12} required value={password} onChange={(e) => setPassword(e.target.value)} />
          <label htmlFor="new-password-2">{t('invitation.password2')}</label>
          <input
            id="new-password-2"
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            value={password2}
            aria-invalid={mismatch}
            onChange={(e) => setPassword2(e.target.value)}
          />
          {mismatch && (
            <p className="error" role="alert">
              {t('invitation.mismatch')}
            </p>
          )}
          <ErrorMessage error={action.error} />
          <button type="submit" className="primary" disabled={action.busy}>
            {t('invitation.submit')}
          </button>
        </form>
      )}
    </Page>
  );
}
