import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Loading, PageHeader } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { CheckpointSection } from './CheckpointSection.tsx';
import { EntriesSection } from './EntriesSection.tsx';
import { MyEntriesSection } from './MyEntriesSection.tsx';

/**
 * The collective's transparency log, public: anyone (a member, an auditor, a stranger) can read
 * it and check its signatures and proofs in their own browser. Signed-in members also see the
 * entries about them, and can check and keep a receipt for each.
 */
export function TransparencyPage({ slug }: { slug: string }) {
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.me : null;
  const mine = me?.collectives.find((c) => c.slug === slug);
  useTitle(mine ? `Transparency: ${mine.name}` : 'Transparency');

  const overview = useApi(() => api.call('logOverview', { params: { slug } }), slug);
  // Only asked when signed in: the route needs a session, and a 401 would end it.
  const userId = me?.user.id ?? '';
  const mineLog = useApi(() => (userId ? api.call('myLogEntries', { params: { slug } }) : Promise.resolve(null)), `${slug}:${userId}`);
  const notMember = mineLog.error instanceof ApiError && (mineLog.error.status === 403 || mineLog.error.status === 404);

  return (
    <>
      <PageHeader title="Transparency" lede="Every use of the collective’s data is written in a public, tamper-evident record. Anyone can check it." />
      {overview.status === 'loading' ? (
        <Loading label="Loading the public record…" />
      ) : overview.status === 'error' ? (
        <LoadError error={overview.error} what="this collective’s public record" onRetry={overview.reload} />
      ) : (
        <div className="sections">
          <CheckpointSection overview={overview.data} onRefresh={overview.reload} />
          <MyEntriesSection
            slug={slug}
            session={state.status}
            mine={notMember ? 'not-member' : mineLog}
            verifierKeys={overview.data.verifierKeys}
          />
          <EntriesSection slug={slug} size={overview.data.size} verifierKeys={overview.data.verifierKeys} pseudonym={mineLog.data?.pseudonym} />
        </div>
      )}
    </>
  );
}
