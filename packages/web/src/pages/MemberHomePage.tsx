import { api } from '../lib/api.ts';
import { formatCount, kindLabel } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import type { MemberDataset } from '../lib/types.ts';
import { useApi } from '../lib/useApi.ts';
import { useTitle } from '../lib/useTitle.ts';
import { Badge, ButtonLink, Card, EmptyState, Loading, PageHeader, RoleBadges, Section, Stat, StatGroup } from '../ui/index.ts';
import { ConsentHomeCard } from './consent/ConsentHomeCard.tsx';
import { GovernanceHomeCard } from './governance/GovernanceHomeCard.tsx';
import { InsightsHomeCard } from './insights/InsightsHomeCard.tsx';
import { LoadError } from './LoadError.tsx';

/** A member's view of one collective: what of theirs is held here. Only what the API gives. */
export function MemberHomePage({ slug }: { slug: string }) {
  const home = useApi(() => api.call('memberHome', { params: { slug } }), slug);
  useTitle(home.data?.collective.name ?? 'Your collective');

  if (home.status === 'loading') return <Loading label="Loading your collective…" />;
  if (home.status === 'error') return <LoadError page error={home.error} what="this collective" onRetry={home.reload} />;
  const { collective, roles, datasets, totalRecords } = home.data;
  const isSteward = roles.includes('steward');

  return (
    <>
      <PageHeader title={collective.name} lede={collective.description || undefined}>
        <div className="cluster">
          <Badge>{kindLabel(collective.kind)}</Badge>
          <RoleBadges roles={roles} label="Your roles" />
        </div>
      </PageHeader>

      <div className="sections">
        <StatGroup label="Your data at a glance" wide>
          <Stat label="Your records" value={formatCount(totalRecords)} />
          <Stat label="Datasets" value={formatCount(datasets.length)} />
        </StatGroup>

        {roles.includes('member') ? <InsightsHomeCard slug={slug} /> : null}

        {roles.includes('member') ? <ConsentHomeCard slug={slug} /> : null}

        <GovernanceHomeCard slug={slug} />

        <Card as="section" accent className="bring-data" aria-labelledby="bring-data-title">
          <div className="stack-sm">
            <h2 id="bring-data-title">Bring your data</h2>
            <p>
              Add the records of your work from a file: the ZIP or CSV you downloaded from Uber, Uber Eats or Wolt (‘Download your data’), a WeClock export, or your Google location history.
            </p>
            <p className="small muted">You see what is in the file before anything is stored, and records you already have are never added twice.</p>
          </div>
          <div className="bring-data-action">
            <ButtonLink to={`/c/${encodeURIComponent(slug)}/import`}>Import a file</ButtonLink>
          </div>
        </Card>

        <Section id="your-data" title="Your data here" description="What you have shared with this collective, dataset by dataset. Only you can see your own records.">
          {datasets.length === 0 ? (
            <EmptyState title="No datasets yet" action={isSteward ? <ButtonLink to={`/c/${encodeURIComponent(slug)}/steward`} variant="secondary">Add a dataset</ButtonLink> : undefined}>
              <p>{isSteward ? 'As a steward, you can add the first dataset.' : 'The stewards of this collective have not set up any datasets yet.'}</p>
            </EmptyState>
          ) : (
            <ul className="grid">
              {datasets.map((d) => (
                <li key={d.id}>
                  <DatasetCard slug={slug} dataset={d} />
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section id="transparency" title="Transparency" description="Every use of the collective’s data is written in a public, tamper-evident record. Anyone can check it, and you can check the entries about you.">
          <div>
            <ButtonLink to={`/c/${encodeURIComponent(slug)}/transparency`} variant="secondary">
              See the public record
            </ButtonLink>
          </div>
        </Section>
      </div>
    </>
  );
}

function DatasetCard({ slug, dataset }: { slug: string; dataset: MemberDataset }) {
  const titleId = `ds-${dataset.id}`;
  return (
    <Card as="article" className="dataset-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{dataset.name}</h3>
      {dataset.description ? <p className="muted">{dataset.description}</p> : null}
      <p>
        <span className="count">{formatCount(dataset.myRecords)}</span> <span className="muted">{dataset.myRecords === 1 ? 'record of yours' : 'records of yours'}</span>
      </p>
      {dataset.myRecords > 0 ? (
        <div className="actions">
          <Link to={`/c/${encodeURIComponent(slug)}/data/${encodeURIComponent(dataset.slug)}`} className="btn btn-secondary">
            See your records<span className="visually-hidden"> in {dataset.name}</span>
          </Link>
        </div>
      ) : null}
    </Card>
  );
}
