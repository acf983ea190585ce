import { useId, type ReactNode } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import { entryFacts, entrySentence, shortPseudonym } from '../../lib/transparency.ts';
import type { LogEntry } from '../../lib/types.ts';
import { Badge } from '../../ui/index.ts';

function Who({ code, you }: { code: string; you: boolean }) {
  if (code === 'system') return <>the system</>;
  return (
    <>
      <code title={code}>{shortPseudonym(code)}</code>
      {you ? ' (you)' : null}
    </>
  );
}

/** The exact canonical JSON of an entry: the bytes its fingerprint is made from. */
export function RawEntry({ entry }: { entry: LogEntry }) {
  return (
    <div className="entry-raw">
      <p className="small muted">The exact entry, byte for byte as it is fingerprinted into the record:</p>
      <pre>
        <code>{entry.body}</code>
      </pre>
    </div>
  );
}

interface EntryItemProps {
  entry: LogEntry;
  /** The signed-in member's code: their part in an entry says "(you)". */
  pseudonym?: string;
  /** Badge entries about the member (not needed in a list that only has those). */
  markYou?: boolean;
  children?: ReactNode;
}

/** One log entry: a sentence, its index and time, and who did it and to whom, as codes. */
export function EntryItem({ entry, pseudonym, markYou = true, children }: EntryItemProps) {
  const facts = entryFacts(entry.body);
  // The same entry may be listed twice (about you, and in all entries): ids stay unique.
  const titleId = useId();
  const aboutYou = pseudonym !== undefined && (facts.subject === pseudonym || facts.actor === pseudonym);
  const time = facts.time ?? entry.createdAt;
  return (
    <article className="entry" aria-labelledby={titleId}>
      <div className="entry-head">
        <p className="entry-sentence" id={titleId}>
          {entrySentence(facts)}
        </p>
        {markYou && aboutYou ? <Badge tone="primary">About you</Badge> : null}
      </div>
      <p className="entry-meta small muted">
        <span>Entry #{entry.index}</span>
        <time dateTime={time}>{formatDateTime(time)}</time>
        {facts.actor ? (
          <span>
            by <Who code={facts.actor} you={facts.actor === pseudonym} />
          </span>
        ) : null}
        {facts.subject && facts.subject !== facts.actor ? (
          <span>
            about <Who code={facts.subject} you={facts.subject === pseudonym} />
          </span>
        ) : null}
      </p>
      {children}
    </article>
  );
}
