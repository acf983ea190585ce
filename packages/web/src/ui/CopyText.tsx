import { useState } from 'react';
import { Button } from './Button.tsx';

/**
 * A long value (hash, key) shown shortened, with a Copy button for the whole of it. The full
 * value is also in the accessible description, so nothing is hidden from screen readers.
 */
export function CopyText({ label, value, keep = 12 }: { label: string; value: string; keep?: number }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const shown = value.length > keep + 1 ? `${value.slice(0, keep)}…` : value;

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <span className="copy-text">
      <code className="copy-text-value" title={value}>
        <span aria-hidden="true">{shown}</span>
        <span className="visually-hidden">{value}</span>
      </code>
      <Button variant="secondary" small onClick={copy}>
        Copy<span className="visually-hidden"> {label}</span>
      </Button>
      <span className="copy-text-status small muted" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Could not copy: your browser blocked it.' : ''}
      </span>
    </span>
  );
}
