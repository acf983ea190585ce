import { useLocation } from '../../lib/router.tsx';
import type { SessionState } from '../../lib/session.tsx';
import { shortPseudonym } from '../../lib/transparency.ts';
import type { MyLogEntries } from '../../lib/types.ts';
import type { Loadable } from '../../lib/useApi.ts';
import { ButtonLink, EmptyState, Loading, Section } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { EntryItem, RawEntry } from './EntryItem.tsx';
import { ReceiptActions } from './ReceiptActions.tsx';

interface Props {
  slug: string;
  session: SessionState['status'];
  mine: (Loadable<MyLogEntries | null> & { reload(): Promise<void> }) | 'not-member';
  verifierKeys: readonly string[];
}

/** For a signed-in member: the entries about them, each with a receipt to check and keep. */
export function MyEntriesSection({ slug, session, mine, verifierKeys }: Props) {
  const { href } = useLocation();
  let body;
  if (session === 'loading' || session === 'error') {
    // An unknown session still holds this room, so the list below does not jump.
    body = session === 'loading' ? <Loading label="Checking who is signed in…" /> : null;
  } else if (session === 'signed-out') {
    body = (
      <EmptyState title="Are you a member?" action={<ButtonLink to={`/sign-in?next=${encodeURIComponent(href)}`} variant="secondary">Sign in to see entries about you</ButtonLink>}>
        <p>Signed-in members see the entries about them here, and can check each one in their browser and keep a receipt.</p>
      </EmptyState>
    );
  } else if (mine === 'not-member') {
    body = (
      <EmptyState title="You are not a member of this collective">
        <p>So no entries here are about you. The rest of the record is open to you, as to everyone.</p>
      </EmptyState>
    );
  } else if (mine.status === 'loading' || (mine.status === 'ok' && mine.data === null)) {
    body = <Loading label="Finding the entries about you…" />;
  } else if (mine.status === 'error') {
    body = <LoadError error={mine.error} what="the entries about you" onRetry={mine.reload} />;
  } else {
    const { pseudonym, items } = mine.data!;
    body = (
      <div className="stack">
        <p className="pseudonym-note">
          In this log you appear as{' '}
          <code className="pseudonym" title={pseudonym}>
            {shortPseudonym(pseudonym)}
          </code>
          , a code only the server can link to you. Everyone can read these entries; only you know they are about you.
        </p>
        {items.length === 0 ? (
          <EmptyState title="No entries about you yet." />
        ) : (
          <ul className="entry-list" aria-label="Entries about you">
            {items.map((e) => (
              <li key={e.index}>
                <EntryItem entry={e} pseudonym={pseudonym} markYou={false}>
                  <ReceiptActions slug={slug} entry={e} verifierKeys={verifierKeys} />
                  <details className="disclosure">
                    <summary>
                      Exact entry (JSON)<span className="visually-hidden"> of entry #{e.index}</span>
                    </summary>
                    <RawEntry entry={e} />
                  </details>
                </EntryItem>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <Section id="about-you" title="Entries about you" description="Check that what the collective recorded about you is really in the public record, and keep a receipt as proof.">
      {body}
    </Section>
  );
}
