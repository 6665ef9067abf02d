import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTexts } from './components.tsx';
import { confirmFrEs } from './shared-parts.words.fr-es.ts';

/**
 * Guards for steps that cannot be undone (issue 14 item 3): a modal dialog that spells out the consequence before
 * the step is taken, with a way to cancel; and a polite live region that says what happened after every action.
 */
const words = {
  en: { cancel: 'Cancel', confirm: 'Yes, go ahead', understood: 'Understood' },
  nl: { cancel: 'Annuleren', confirm: 'Ja, doorgaan', understood: 'Begrepen' },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, confirmFrEs);

export interface ConfirmRequest {
  title: string;
  /** what will happen, in plain words; a list for several consequences */
  consequence: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  /** absent: the step cannot be taken now; the dialog only explains why (one button, to close it) */
  onConfirm?(): unknown;
}

/** `ask(request)` opens the dialog; `dialog` is the element to render once on the page. */
export function useConfirm() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  return { ask: setRequest, dialog: <ConfirmDialog request={request} onClose={() => setRequest(null)} /> };
}

function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const t = useTexts(words);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) d.showModal();
    if (!request && d.open) d.close();
  }, [request]);
  return (
    <dialog ref={ref} className="confirm" aria-labelledby={titleId} aria-describedby={bodyId} onClose={onClose}>
      {request && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            const r = request;
            onClose();
            void r.onConfirm?.();
          }}
        >
          <h2 id={titleId}>{request.title}</h2>
          <div id={bodyId}>{request.consequence}</div>
          <div className="row">
            <button type="button" onClick={onClose} autoFocus>
              {request.onConfirm ? t('cancel') : t('understood')}
            </button>
            {request.onConfirm && (
              <button type="submit" className={request.danger ? 'danger' : 'primary'}>
                {request.confirmLabel ?? t('confirm')}
              </button>
            )}
          </div>
        </form>
      )}
    </dialog>
  );
}

/** A visible confirmation after an action, announced politely to screen readers (always in the page, so it is read). */
export function StatusLine({ text }: { text: string | null }) {
  return (
    <p className={text ? 'ok' : 'sr-only'} role="status" aria-live="polite">
      {text ?? ''}
    </p>
  );
}
