import { type FormEvent, useState } from 'react';
import { useTexts } from '../components.tsx';
import { stepWords } from './step-words.ts';

/** The second step's words: sign-in and step-up use only these, so the set-up pages' words stay out of the first load. */
export const useStepTexts = () => useTexts(stepWords);

/** A code from the app or a recovery code (the form of the second sign-in step and of step-up). */
export function CodeForm({ onSubmit, busy, error, idPrefix }: { onSubmit: (proof: { code?: string; recoveryCode?: string }) => void; busy: boolean; error: string | null; idPrefix: string }) {
  const w = useStepTexts();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(recovery ? { recoveryCode: value.trim() } : { code: value.trim() });
  };
  const id = `${idPrefix}-${recovery ? 'recovery' : 'code'}`;
  return (
    <form onSubmit={submit}>
      <label htmlFor={id}>{recovery ? w('step.recovery') : w('step.code')}</label>
      <input
        id={id}
        name={recovery ? 'recoveryCode' : 'code'}
        autoComplete="one-time-code"
        inputMode={recovery ? 'text' : 'numeric'}
        required
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {w('step.submit')}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setRecovery(!recovery);
          setValue('');
        }}
      >
        {recovery ? w('step.useCode') : w('step.useRecovery')}
      </button>
    </form>
  );
}
