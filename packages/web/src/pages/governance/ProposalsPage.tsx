import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Badge, Card, EmptyState, Loading, PageHeader, Section } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { DelegationSection } from './DelegationSection.tsx';
import { closesIn, FILTERS, KIND_LABELS, STATUS_LABELS, STATUS_TONES, type FilterValue, type ProposalSummary } from './model.ts';
import { NewProposalForm } from './NewProposalForm.tsx';
import '../consent/consent.css';
import './governance.css';

/** "Decisions": proposals by status (open ones first), a form to draft one, and your delegations. */
export function ProposalsPage({ slug }: { slug: string }) {
  const me = useMe();
  const roles = me.collectives.find((c) => c.slug === slug)?.roles ?? [];
  const [filter, setFilter] = useState<FilterValue>('open');
  const statuses = FILTERS.find((f) => f.value === filter)!.statuses;
  const list = useApi(() => api.call('listProposals', { params: { slug }, query: { status: statuses || undefined, limit: 100 } }), `${slug}/${filter}`);
  useTitle('Decisions');
  const enc = encodeURIComponent(slug);

  return (
    <>
      <PageHeader
        title="Decisions"
        back={{ to: `/c/${enc}`, label: 'Back to your collective' }}
        lede="What the collective is deciding together: vote on open proposals, see how past ones were decided and why, and draft your own."
      />
      <div className="sections">
        <Section id="proposals" title="Proposals">
          <fieldset className="filter-choices">
            <legend>Show</legend>
            {FILTERS.map((f) => (
              <label key={f.value} className="choice">
                <input type="radio" name="proposal-filter" value={f.value} checked={filter === f.value} onChange={() => setFilter(f.value)} />
                <span className="choice-text">
                  <span className="choice-label">{f.label}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {list.status === 'loading' ? (
            <Loading label="Loading proposals…" />
          ) : list.status === 'error' ? (
            <LoadError error={list.error} what="the proposals" onRetry={list.reload} />
          ) : list.data.items.length === 0 ? (
            <EmptyState title={filter === 'open' ? 'Nothing is open for a vote right now' : 'No proposals here'}>
              <p>{filter === 'open' ? 'When a proposal opens, you get a notice and it shows here.' : 'Try another filter, or draft a proposal below.'}</p>
            </EmptyState>
          ) : (
            <ul className="proposal-list" aria-label="Proposals">
              {list.data.items.map((p) => (
                <ProposalItem key={p.id} slug={slug} p={p} />
              ))}
            </ul>
          )}
        </Section>

        <NewProposalForm slug={slug} />

        {roles.includes('member') ? <DelegationSection slug={slug} /> : null}

        <p>
          <Link to={`/c/${enc}/charter`}>Read the charter</Link>: the rules every decision follows.
        </p>
      </div>
    </>
  );
}

function ProposalItem({ slug, p }: { slug: string; p: ProposalSummary }) {
  const votes = useApi(() => (p.status === 'open' ? api.call('getProposal', { params: { slug, proposalId: p.id } }) : Promise.resolve(null)), `${slug}/${p.id}/${p.status}`);
  const titleId = `proposal-${p.id}`;
  return (
    <Card as="li" className="proposal-item" aria-labelledby={titleId}>
      <div className="proposal-meta">
        <Badge tone={STATUS_TONES[p.status]}>{STATUS_LABELS[p.status]}</Badge>
        <span>{KIND_LABELS[p.kind]}</span>
        {p.status === 'open' && p.closesAt ? <span>{closesIn(p.closesAt)}</span> : null}
        {votes.data ? <span>{`${votes.data.ballotsCast} of ${votes.data.electorate} voted`}</span> : null}
      </div>
      <h3 id={titleId}>
        <Link to={`/c/${encodeURIComponent(slug)}/proposals/${encodeURIComponent(p.id)}`}>{p.title}</Link>
      </h3>
    </Card>
  );
}
