import { type FormEvent, useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { Answer, Body } from '../api/types.ts';
import { Page, useAction, useTexts } from '../components.tsx';
import { useFieldErrors } from '../form-errors.tsx';
import { formatDate, isLanguage, rememberedLanguage } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { invitationFrEs } from './invitation.words.fr-es.ts';

/** Who an invitation link is for (`GET /api/v1/invitations/check`, generated schema). */
type InvitationStatus = Answer<'get', '/api/v1/invitations/check'>;

const words = {
  en: {
    for: 'Invitation for {name} ({email}) of {organisation}, valid until {until}.',
    spent: 'This invitation link has been used or has expired. Ask your organisation’s administrator or the secretariat for a new one.',
  },
  nl: {
    for: 'Uitnodiging voor {name} ({email}) van {organisation}, geldig tot {until}.',
    spent: 'Deze uitnodigingslink is al gebruikt of verlopen. Vraag de beheerder van uw organisatie of het secretariaat om een nieuwe.',
  },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, invitationFrEs);

/**
 * `/invitation?token=…` from the invitation mail (issue 8, item 2): who the link is for (GET /invitations/check),
 * then the new password (POST /auth/invitations/accept). The token leaves the address bar and the history at once.
 */
export function InvitationPage({ token: fromLink }: { token: string | null }) {
  const session = useSession();
  const { t, language } = session;
  const w = useTexts(words);
  const [token] = useState(fromLink);
  const [status, setStatus] = useState<InvitationStatus | null>(null);
  const [spent, setSpent] = useState(false);
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();
  const f = useFieldErrors(action.error);

  useEffect(() => {
    if (!token) return;
    window.history.replaceState(null, '', '/invitation');
    api<InvitationStatus>('GET', `/invitations/check?token=${encodeURIComponent(token)}`)
      .then(setStatus)
      .catch((e: unknown) => setSpent(e instanceof ApiError && (e.status === 410 || e.status === 404)));
  }, [token]);
  // the page speaks the language the person was invited in, unless they chose one in this browser (issue 14)
  const { setLanguage } = session;
  useEffect(() => {
    if (status && !rememberedLanguage() && isLanguage(status.language)) setLanguage(status.language, false);
  }, [status, setLanguage]);

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
    const ok = await action.run(() => api('POST', '/auth/invitations/accept', { token, password } satisfies Body<'post', '/api/v1/auth/invitations/accept'>));
    if (ok) {
      setPassword('');
      setPassword2('');
    }
  };
  return (
    <Page title={t('invitation.title')}>
      {spent && (
        <p className="error" role="alert">
          {w('spent')}
        </p>
      )}
      {status && !action.done && <p>{w('for', { name: status.name, email: status.email, organisation: status.organisation.name, until: formatDate(language, status.expiresAt, true) })}</p>}
      {action.done ? (
        <p className="ok" role="status">
          {t('invitation.done')} <Link to="/sign-in">{t('signIn.title')}</Link>
        </p>
      ) : (
        !spent && (
          <form className="card narrow" onSubmit={(e) => void submit(e)}>
            <p>{t('invitation.intro')}</p>
            <label htmlFor="new-password">{t('invitation.password')}</label>
            <input id="new-password" type="password" autoComplete="new-password" minLength={12} required value={password} onChange={(e) => setPassword(e.target.value)} {...f.field('password', 'new-password', t('invitation.password'))} />
            {f.at('new-password')}
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
            {f.summary()}
            <button type="submit" className="primary" disabled={action.busy}>
              {t('invitation.submit')}
            </button>
          </form>
        )
      )}
    </Page>
  );
}
