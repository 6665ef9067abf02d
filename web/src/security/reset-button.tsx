import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage } from '../components.tsx';
import { useFactorTexts } from './parts.tsx';

/** Secretariat (issue 17): reset a person's second factors when they lost their phone; asked to confirm first. */
export function ResetFactorsButton({ personId, name }: { personId: string; name: string }) {
  const w = useFactorTexts();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<unknown>(null);
  const reset = async () => {
    if (!window.confirm(w('reset.confirm', { name }))) return;
    setState('busy');
    setError(null);
    try {
      await api('POST', `/people/${personId}/second-factor/reset`);
      setState('done');
    } catch (e) {
      setError(e);
      setState('idle');
    }
  };
  if (state === 'done') return <span role="status">{w('reset.done')}</span>;
  return (
    <>
      <button type="button" aria-label={`${w('reset.button')}: ${name}`} disabled={state === 'busy'} onClick={() => void reset()}>
        {w('reset.button')}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
