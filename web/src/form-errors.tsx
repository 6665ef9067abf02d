import type { ReactElement } from 'react';
import { ApiError, type FieldProblem } from './api.ts';
import { ErrorMessage, FieldError } from './components.tsx';
import { useSession } from './session.tsx';

/**
 * A form's 4xx field problems at their fields (issue 14, "Bad input"), in the page's language: the service words each
 * problem after the Accept-Language the page sends (src/common/problem-messages.ts), as `message`.
 *
 *   const f = useFieldErrors(action.error);
 *   <input id="inv-email" {...f.field('email', 'inv-email', t('email'))} />
 *   {f.at('inv-email')}
 *   {f.summary({ action: 'create', subject: 'Person' })}
 *
 * `field(apiField, controlId, label)` gives the control `aria-invalid` and `aria-describedby` (pointing at the problem
 * text `at(controlId)` shows right below it) and claims the API's problems at that field (`scope.rawMaterials` also
 * claims `scope.rawMaterials[0]` and `scope.rawMaterials.0`). `summary` is the banner: for a 400/422 naming fields it
 * lists each problem with a button that moves the focus to its field, and keeps the problems no control claimed in a
 * table; for any other error it is the ordinary `ErrorMessage`. The banner reads what the fields claimed when it
 * renders, after the form's JSX is built, so `field` is called inline in that JSX, as above.
 */
type Why = { action: string; subject: string; id?: string };

export interface FieldErrors {
  /** the problems of these API fields, in the page's language */
  problems(...fields: string[]): string[];
  /** aria props for the control `controlId`, which shows the problems of `apiField` (and of `more` fields) */
  field(apiField: string | string[], controlId: string, label: string): { 'aria-invalid'?: true; 'aria-describedby'?: string };
  /**
   * For a control that shows its problems itself (a `MultiPicker` fieldset): claims them for `controlId` (a wrapper
   * the banner's button focuses into) and returns them.
   */
  group(apiField: string | string[], controlId: string, label: string): string[];
  /** the problem text under control `controlId` (nothing when it has none) */
  at(controlId: string): ReactElement | null;
  /** the banner above the submit button; `why` explains a 403 */
  summary(why?: Why): ReactElement;
}

/** The field a problem names (`field`; an upload's `column`), as text. */
const nameOf = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

const matches = (field: unknown, f: string) => {
  const name = nameOf(field);
  return name === f || name.startsWith(`${f}.`) || name.startsWith(`${f}[`);
};

/** The field problems of a refused request (400, or 422 for uploads); none for any other error. */
export function detailsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) return [];
  return error.body.details ?? [];
}

export const problemText = (d: FieldProblem) => d.message ?? d.problem ?? '';

export function useFieldErrors(error: unknown): FieldErrors {
  const details = detailsOf(error);
  const claimed = new Map<string, { label: string; problems: FieldProblem[] }>();
  const problemsOf = (fields: string[]) => details.filter((d) => fields.some((f) => matches(d.field, f)));
  return {
    problems: (...fields) => problemsOf(fields).map(problemText),
    field(apiField, controlId, label) {
      const found = problemsOf(Array.isArray(apiField) ? apiField : [apiField]);
      claimed.set(controlId, { label, problems: found });
      return found.length ? { 'aria-invalid': true, 'aria-describedby': `${controlId}-problem` } : {};
    },
    group(apiField, controlId, label) {
      const found = problemsOf(Array.isArray(apiField) ? apiField : [apiField]);
      claimed.set(controlId, { label, problems: found });
      return [...new Set(found.map(problemText))];
    },
    at(controlId) {
      const found = claimed.get(controlId)?.problems ?? [];
      // one field can break two rules that say the same in words ("must not be blank", "must be 1 to 200 characters")
      return found.length ? <FieldError id={`${controlId}-problem`} problems={[...new Set(found.map(problemText))]} /> : null;
    },
    summary: (why) => <Summary error={error} details={details} claimed={claimed} why={why} />,
  };
}

function Summary({ error, details, claimed, why }: { error: unknown; details: FieldProblem[]; claimed: Map<string, { label: string; problems: FieldProblem[] }>; why?: Why }) {
  const session = useSession();
  if (!error) return null;
  if (!details.length) return <ErrorMessage error={error} why={why} />;
  const atFields = [...claimed.entries()].flatMap(([controlId, c]) =>
    [...new Set(c.problems.map(problemText))].map((text, i) => ({ key: `${controlId}-${i}`, controlId, label: c.label, text })),
  );
  const placed = new Set([...claimed.values()].flatMap((c) => c.problems));
  const rest = details.filter((d) => !placed.has(d));
  const focus = (id: string) => {
    const el = document.getElementById(id);
    (el?.matches('input, select, textarea, button') ? el : el?.querySelector<HTMLElement>('input, select, textarea'))?.focus();
  };
  return (
    <div className="error" role="alert">
      <p>{session.t('error.invalid')}</p>
      {atFields.length > 0 && (
        <ul className="problem-list">
          {atFields.map((x) => (
            <li key={x.key}>
              <button type="button" className="link" onClick={() => focus(x.controlId)}>
                {x.label}
              </button>
              : {x.text}
            </li>
          ))}
        </ul>
      )}
      {rest.length > 0 && (
        <div className="table-wrap">
          <table className="problems">
            <caption>{session.t('error.details')}</caption>
            <thead>
              <tr>
                <th scope="col">{session.t('error.field')}</th>
                <th scope="col">{session.t('error.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {rest.map((p, i) => (
                <tr key={i}>
                  <td>{nameOf(p.field) || nameOf(p.column)}</td>
                  <td>{problemText(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
