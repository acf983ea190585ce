import { useLayoutEffect, useRef } from 'react';
import { Alert, Button } from '../../ui/index.ts';
import type { DecisionFlow } from './useDecision.ts';

/**
 * The notice a member reads before a decision is recorded, in a modal dialog: what they chose in
 * a sentence, then the notice exactly as the server wrote it (its digest is what gets recorded),
 * then Confirm or Cancel. Escape cancels. Nothing changes until Confirm.
 */
export function NoticeDialog({ flow }: { flow: DecisionFlow }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { pending, busy, confirmError } = flow;
  const open = pending !== null;

  // Layout effects run before other effects: the dialog is closed (and focus given back) before
  // a success message on the page takes focus.
  useLayoutEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      heading.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);

  useLayoutEffect(() => {
    if (pending?.renewed) heading.current?.focus();
  }, [pending?.notice.digest, pending?.renewed]);

  return (
    <dialog
      ref={dialog}
      className="notice-dialog"
      aria-labelledby={open ? 'notice-title' : undefined}
      onCancel={(e) => {
        e.preventDefault();
        flow.cancel();
      }}
    >
      {pending ? (
        <div className="notice-body">
          <div className="notice-head stack-sm">
            <h2 id="notice-title" ref={heading} tabIndex={-1}>
              Read this before you confirm
            </h2>
            {pending.renewed ? (
              <Alert tone="warning" title="The notice changed while it was open">
                <p>Please read the new one. Nothing was saved yet.</p>
              </Alert>
            ) : null}
            <ul className="notice-summary">
              {pending.summary.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </div>
          <div className="notice-text" role="region" aria-label="The full notice" tabIndex={0}>
            {pending.notice.text}
          </div>
          <div className="notice-actions stack-sm">
            {confirmError ? (
              <p className="field-error" role="alert">
                Not saved: {confirmError}
              </p>
            ) : null}
            <div className="cluster">
              <Button busy={busy === 'confirm'} onClick={() => void flow.confirm()}>
                {busy === 'confirm' ? 'Saving…' : 'Confirm'}
              </Button>
              <Button variant="secondary" onClick={flow.cancel}>
                Cancel
              </Button>
            </div>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
