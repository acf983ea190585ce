import { formatDate } from '../../lib/format.ts';
import { usable, whoMayUse, type ConsentOptions, type MyConsent } from './model.ts';

/** The top of the consent centre: who may use the member's data now, in plain sentences. */
export function SummarySection({ mine, options }: { mine: MyConsent; options: ConsentOptions }) {
  const lines = whoMayUse(mine, options);
  const named = mine.named.filter(usable).length;
  return (
    <section className="card consent-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Who may use your data now</h2>
      {lines.length === 0 && named === 0 ? (
        <div className="stack-sm">
          <p className="consent-headline">Nobody may use your data yet.</p>
          <p className="muted">Nothing of yours is used unless you say yes here. Your own records stay yours to see either way.</p>
        </div>
      ) : (
        <div className="stack-sm">
          <ul className="consent-lines">
            {lines.map((l) => (
              <li key={l.category}>
                <span className="consent-line">{l.sentence}</span>
                {l.endsAt ? <span className="small muted">Ends {formatDate(l.endsAt)}.</span> : null}
              </li>
            ))}
            {named > 0 ? <li className="consent-line">Some organisations you named may use some of it too (see your history).</li> : null}
          </ul>
          <p className="small muted">Nobody else may. They only ever get results worked out from many members’ data, never your own records.</p>
        </div>
      )}
    </section>
  );
}
