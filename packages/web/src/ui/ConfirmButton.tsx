import { useState } from 'react';
import { errorMessage } from '../lib/api.ts';
import { Button } from './Button.tsx';

interface ConfirmButtonProps {
  /** Visible verb, e.g. "Revoke". */
  label: string;
  /** Hidden words naming the object, so every button has a unique accessible name. */
  what: string;
  onConfirm: () => Promise<void>;
}

/** A destructive action that takes two presses, so a stray tap does no harm. */
export function ConfirmButton({ label, what, onConfirm }: ConfirmButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <Button variant="danger" small onClick={() => setConfirming(true)}>
        {label}
        <span className="visually-hidden"> {what}</span>
      </Button>
    );
  }
  return (
    <span className="stack-sm">
      <span className="cluster">
        <Button variant="danger" small busy={busy} onClick={run} autoFocus>
          Yes, {label.toLowerCase()}
          <span className="visually-hidden"> {what}</span>
        </Button>
        <Button variant="ghost" small onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </span>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
