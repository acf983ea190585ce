import { RECIPIENT_CATEGORIES, RECIPIENT_CATEGORY_INFO } from '@steward/core';
import { api } from '../../lib/api.ts';
import { useApi } from '../../lib/useApi.ts';
import { ButtonLink, Card } from '../../ui/index.ts';
import { anythingAllowed, dueRecords, joinWords, usable } from './model.ts';
import './consent.css';

/** The member home's way in to "Your consent", with who may use the member's data now. */
export function ConsentHomeCard({ slug }: { slug: string }) {
  const mine = useApi(() => api.call('myConsent', { params: { slug } }), slug);

  let body;
  if (mine.status === 'loading') body = <p className="consent-card-headline muted">Checking your consent…</p>;
  else if (mine.status === 'error') body = <p className="consent-card-headline muted">Your consent could not be loaded just now.</p>;
  else if (!anythingAllowed(mine.data)) body = <p className="consent-card-headline">Nobody may use your data yet. You decide who may, and what for.</p>;
  else {
    const who = RECIPIENT_CATEGORIES.filter((c) => mine.data.cells.some((x) => x.category === c && usable(x))).map((c) => RECIPIENT_CATEGORY_INFO[c].label);
    body = <p className="consent-card-headline">{who.length > 0 ? `${joinWords(who)} may use some of your data.` : 'Some organisations you named may use some of your data.'}</p>;
  }
  const due = mine.status === 'ok' ? dueRecords(mine.data).length : 0;

  return (
    <Card as="section" accent className="consent-card" aria-labelledby="consent-card-title" aria-busy={mine.status === 'loading' || undefined}>
      <div className="stack-sm consent-card-text">
        <h2 id="consent-card-title">Your consent</h2>
        {body}
        {due > 0 ? <p className="small">{due === 1 ? 'One decision is due for review.' : `${due} decisions are due for review.`}</p> : null}
      </div>
      <div>
        <ButtonLink to={`/c/${encodeURIComponent(slug)}/consent`} variant="secondary">
          See and change your consent
        </ButtonLink>
      </div>
    </Card>
  );
}
