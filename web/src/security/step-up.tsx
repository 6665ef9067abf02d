import { useEffect, useRef, useState } from 'react';
import { api, ApiError, setStepUpHandler } from '../api.ts';
import type { Answer, Body } from '../api/types.ts';
import { CodeForm, useStepTexts } from './code-form.tsx';

/**
 * The step-up dialog (issue 17): a sensitive request answered "step-up required" opens it; once the person gives
 * their second factor (code, recovery code or passkey) the request is sent again; cancelling leaves the 403.
 */
export function StepUpDialog() {
  const w = useStepTexts();
  const ref = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<((ok: boolean) => void) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setStepUpHandler(
      () =>
        new Promise<boolean>((resolve) => {
          setError(null);
          setPending(() => resolve);
        }),
    );
    return () => setStepUpHandler(null);
  }, []);
  useEffect(() => {
    if (pending && ref.current && !ref.current.open) ref.current.showModal();
  }, [pending]);

  const finish = (ok: boolean) => {
    ref.current?.close();
    pending?.(ok);
    setPending(null);
  };
  const run = async (work: () => Promise<unknown>, failed: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      finish(true);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 429 ? w('step.tooMany') : failed);
    } finally {
      setBusy(false);
    }
  };
  const passkey = () =>
    run(async () => {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const { challengeId, options } = await api<Answer<'post', '/api/v1/me/second-factor/step-up/passkey/options'>>('POST', '/me/second-factor/step-up/passkey/options', {});
      const response = await startAuthentication({ optionsJSON: options as never });
      await api('POST', '/me/second-factor/step-up/passkey', { challengeId, response: response as unknown as Record<string, unknown> } satisfies Body<'post', '/api/v1/me/second-factor/step-up/passkey'>);
    }, w('step.passkeyFailed'));

  return (
    <dialog ref={ref} aria-labelledby="stepup-title" className="stepup" onCancel={() => finish(false)}>
      <h2 id="stepup-title">{w('stepup.title')}</h2>
      <p>{w('stepup.intro')}</p>
      {pending && <CodeForm idPrefix="stepup" busy={busy} error={error} onSubmit={(proof) => void run(() => api('POST', '/me/second-factor/step-up', proof satisfies Body<'post', '/api/v1/me/second-factor/step-up'>), w('step.failed'))} />}
      <p>
        <button type="button" onClick={() => void passkey()} disabled={busy}>
          {w('step.passkey')}
        </button>{' '}
        <button type="button" className="link" onClick={() => finish(false)}>
          {w('stepup.cancel')}
        </button>
      </p>
    </dialog>
  );
}
