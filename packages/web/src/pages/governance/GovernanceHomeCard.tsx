import { api } from '../../lib/api.ts';
import { useApi } from '../../lib/useApi.ts';
import { ButtonLink, Card } from '../../ui/index.ts';
import { closesIn } from './model.ts';

/** The member home's way in to "Decisions": how many votes are open, and the next to close. */
export function GovernanceHomeCard({ slug }: { slug: string }) {
  const open = useApi(() => api.call('listProposals', { params: { slug }, query: { status: 'open', limit: 100 } }), `${slug}/open`);
  let body;
  if (open.status === 'loading') body = <p className="muted">Checking for open votes…</p>;
  else if (open.status === 'error') body = <p className="muted">Open votes could not be loaded just now.</p>;
  else if (open.data.items.length === 0) body = <p>No votes are open right now.</p>;
  else {
    const next = [...open.data.items].sort((a, b) => (a.closesAt ?? '').localeCompare(b.closesAt ?? ''))[0]!;
    const n = open.data.items.length;
    body = (
      <>
        <p className="consent-card-headline">{n === 1 ? 'One vote is open.' : `${n} votes are open.`}</p>
        <p className="small">
          Next to close: “{next.title}”, {closesIn(next.closesAt)}.
        </p>
      </>
    );
  }
  return (
    <Card as="section" accent className="consent-card" aria-labelledby="votes-card-title">
      <div className="stack-sm consent-card-text">
        <h2 id="votes-card-title">Decisions</h2>
        {body}
      </div>
      <div>
        <ButtonLink to={`/c/${encodeURIComponent(slug)}/proposals`} variant="secondary">
          See proposals and vote
        </ButtonLink>
      </div>
    </Card>
  );
}
