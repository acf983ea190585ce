import type { MouseEvent } from 'react';
import type { FormProblem } from '../lib/forms.ts';
import { Alert } from './Alert.tsx';

/** Following a link in the summary puts the cursor in the field, not just scrolls to it. */
function focusField(e: MouseEvent<HTMLAnchorElement>, id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  e.preventDefault();
  el.focus();
  el.scrollIntoView({ block: 'center' });
}

/** The error summary above a form: the message, and links to each field with a problem. */
export function FormError({ problem, labels, idPrefix }: { problem: FormProblem | null; labels: Record<string, string>; idPrefix?: string }) {
  if (!problem) return null;
  const entries = Object.entries(problem.fields);
  return (
    <Alert tone="error" title={problem.message} focus>
      {entries.length + problem.other.length > 0 ? (
        <ul>
          {entries.map(([field, message]) => (
            <li key={field}>
              <a href={`#${idPrefix ?? ''}${field}`} onClick={(e) => focusField(e, `${idPrefix ?? ''}${field}`)}>
                {labels[field] ?? field}: {message}
              </a>
            </li>
          ))}
          {problem.other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
