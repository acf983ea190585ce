import { pathText, valueText, type CharterChange } from './model.ts';

/** What an amendment changes, one row per JSON Pointer: before (removed) and after (added). */
export function CharterDiff({ changes, label }: { changes: readonly CharterChange[]; label: string }) {
  if (changes.length === 0) return <p className="muted">No changes to the charter.</p>;
  return (
    <ul className="diff-list" aria-label={label}>
      {changes.map((c) => (
        <li key={c.path} className="diff-item">
          <p className="diff-path mono">{pathText(c.path)}</p>
          {c.before !== undefined ? (
            <p className="diff-before">
              <span className="diff-sign" aria-hidden="true">−</span>
              <span className="visually-hidden">Before: </span>
              <code>{valueText(c.before)}</code>
            </p>
          ) : null}
          {c.after !== undefined ? (
            <p className="diff-after">
              <span className="diff-sign" aria-hidden="true">+</span>
              <span className="visually-hidden">After: </span>
              <code>{valueText(c.after)}</code>
            </p>
          ) : (
            <p className="diff-before small">Removed.</p>
          )}
        </li>
      ))}
    </ul>
  );
}
