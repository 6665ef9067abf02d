import { useState } from 'react';
import { ErrorMessage, Loading, Page } from '../components.tsx';
import { useGet } from '../api/client.ts';
import { useSession } from '../session.tsx';
import { AddPasskey, RecoveryCodes, TotpSetup, useFactorTexts } from './parts.tsx';

/**
 * The enrolment gate (issue 17): right after signing in, a person the rule requires a second factor of who has none
 * sees only this page until one is set up. The rule that requires it is named.
 */
export function EnrolPage() {
  const w = useFactorTexts();
  const { reloadSecondFactor } = useSession();
  const status = useGet('/api/v1/me/second-factor');
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return (
    <Page title={w('enrol.title')}>
      <RecoveryCodes codes={codes} onDone={() => void reloadSecondFactor()} />
    </Page>
  );
  return (
    <Page title={w('enrol.title')}>
      {status.loading && <Loading />}
      <ErrorMessage error={status.error} />
      <p>{w('enrol.why')}</p>
      {status.data?.decidedBy.map((d) => (
        <p className="muted small" key={d.rule}>
          {w('enrol.rule', { rule: d.rule, article: d.article })}
        </p>
      ))}
      <div className="card">
        <h2>{w('passkey.title')}</h2>
        <AddPasskey onAdded={(c) => (c ? setCodes(c) : void reloadSecondFactor())} />
      </div>
      <div className="card">
        <h2>{w('totp.title')}</h2>
        <TotpSetup onDone={(c) => (c ? setCodes(c) : void reloadSecondFactor())} />
      </div>
    </Page>
  );
}
