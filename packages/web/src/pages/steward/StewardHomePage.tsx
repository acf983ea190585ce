import { api } from '../../lib/api.ts';
import { formatCount } from '../../lib/format.ts';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Alert, ButtonLink, Loading, PageHeader, Stat, StatGroup } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { DatasetsSection } from './DatasetsSection.tsx';
import { InvitationsSection } from './InvitationsSection.tsx';
import { MembersSection } from './MembersSection.tsx';

/** The steward's overview: people, datasets, invitations. Aggregates only, never raw records. */
export function StewardHomePage({ slug }: { slug: string }) {
  const me = useMe();
  const mine = me.collectives.find((c) => c.slug === slug);
  const isSteward = mine?.roles.includes('steward') ?? false;
  useTitle(mine ? `Steward: ${mine.name}` : 'Steward');

  if (!isSteward) {
    return (
      <>
        <PageHeader title="Steward page" />
        <Alert tone="warning" title="Only stewards of this collective can open this page.">
          <div>
            <ButtonLink to={mine ? `/c/${encodeURIComponent(slug)}` : '/collectives'} variant="secondary">
              {mine ? `Go to ${mine.name}` : 'Go to your collectives'}
            </ButtonLink>
          </div>
        </Alert>
      </>
    );
  }
  return <StewardHome slug={slug} />;
}

function StewardHome({ slug }: { slug: string }) {
  const home = useApi(() => api.call('stewardHome', { params: { slug } }), slug);

  if (home.status === 'loading') return <Loading label="Loading the steward overview…" />;
  if (home.status === 'error') return <LoadError page error={home.error} what="the steward overview" onRetry={home.reload} />;
  const h = home.data;
  return (
    <>
      <PageHeader title={`Steward: ${h.collective.name}`} lede="People, datasets and invitations of the collective. You see counts here, never anyone’s own records." />
      <div className="sections">
        <section className="section" aria-labelledby="overview-title">
          <h2 id="overview-title">Overview</h2>
          <div className="grid-2">
            <div className="stack-sm">
              <h3>People by role</h3>
              <StatGroup label="People by role">
                <Stat label="Members" value={formatCount(h.counts.member)} />
                <Stat label="Stewards" value={formatCount(h.counts.steward)} />
                <Stat label="Requesters" value={formatCount(h.counts.requester)} />
                <Stat label="Auditors" value={formatCount(h.counts.auditor)} />
              </StatGroup>
            </div>
            <div className="stack-sm">
              <h3>Data and activity</h3>
              <StatGroup label="Data and activity">
                <Stat label="Members sharing data" value={formatCount(h.contributors)} />
                <Stat label="Datasets" value={formatCount(h.datasets.length)} />
                <Stat label="Open invitations" value={formatCount(h.openInvitations)} />
                <Stat label="Log entries" value={formatCount(h.logSize)} />
              </StatGroup>
            </div>
          </div>
        </section>
        <DatasetsSection slug={slug} datasets={h.datasets} onChanged={home.reload} />
        <InvitationsSection slug={slug} onChanged={home.reload} />
        <MembersSection slug={slug} />
      </div>
    </>
  );
}
