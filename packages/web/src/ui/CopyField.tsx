import { useId, useRef, useState } from 'react';
import { Button } from './Button.tsx';

/** A secret or link shown once: read-only text with a Copy button that says when it worked. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission: select the text so the person can copy it by hand.
      input.current?.select();
      setCopied('no');
    }
  }

  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="copy-field">
        <input ref={input} id={id} className="field-control" readOnly value={value} aria-describedby={hint ? `${id}-hint` : undefined} onFocus={(e) => e.currentTarget.select()} />
        <Button variant="secondary" onClick={copy}>
          Copy<span className="visually-hidden"> {label.toLowerCase()}</span>
        </Button>
      </div>
      <p className="field-hint" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Could not copy automatically: the text is selected, copy it by hand.' : ''}
      </p>
    </div>
  );
}
