import { formatDate } from '../../lib/format.ts';
import { Button } from '../../ui/index.ts';
import { dueRecords, recordSentence, type ConsentOptions, type MyConsent } from './model.ts';

/**
 * Shown when some "yes" is past the review date the member chose: one tap to keep it (given again
 * with a new review date, after the notice) or to go and change it.
 */
export function ReviewBanner({ mine, options, busy, error, onStillOk, onChange }: { mine: MyConsent; options: ConsentOptions; busy: boolean; error: string | null; onStillOk: () => void; onChange: () => void }) {
  const due = dueRecords(mine);
  if (due.length === 0) return null;
  return (
    <section className="alert alert-warning review-banner" aria-labelledby="review-title">
      <h2 id="review-title" className="alert-title">
        Time to check: is this still OK?
      </h2>
      <p>You asked us to remind you about {due.length === 1 ? 'this decision' : `these ${due.length} decisions`}:</p>
      <ul>
        {due.map((r) => (
          <li key={r.id}>
            {recordSentence(r, options)} <span className="nowrap">({formatDate(r.recordedAt)})</span>
          </li>
        ))}
      </ul>
      <div className="cluster">
        <Button busy={busy} onClick={onStillOk}>
          Still OK
        </Button>
        <Button variant="secondary" onClick={onChange}>
          Change
        </Button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
