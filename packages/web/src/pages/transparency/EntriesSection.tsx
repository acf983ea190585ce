import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { ENTRY_TYPES, typeLabel } from '../../lib/transparency.ts';
import type { LogEntry } from '../../lib/types.ts';
import { Alert, Button, EmptyState, Loading, Section, SelectField } from '../../ui/index.ts';
import { EntryItem, RawEntry } from './EntryItem.tsx';
import { ReceiptActions } from './ReceiptActions.tsx';

const PAGE_SIZE = 25;
const TYPE_OPTIONS = [{ value: '', label: 'All entries' }, ...ENTRY_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))];

interface Props {
  slug: string;
  /** Entries in the log, from the overview. */
  size: number;
  verifierKeys: readonly string[];
  /** The signed-in member's code, to mark entries about them. */
  pseudonym: string | undefined;
}

/** Every entry, oldest first, a page at a time, optionally of one type. */
export function EntriesSection({ slug, size, verifierKeys, pseudonym }: Props) {
  const [type, setType] = useState('');
  const [items, setItems] = useState<LogEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [status, setStatus] = useState<'loading' | 'filtering' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  async function load(from: number, ofType: string, append: boolean) {
    const mine = ++generation.current;
    setStatus(append ? 'more' : items.length > 0 ? 'filtering' : 'loading');
    setError(null);
    try {
      const page = await api.call('logEntries', { params: { slug }, query: { from, limit: PAGE_SIZE, type: ofType || undefined } });
      if (mine !== generation.current) return;
      setItems((prev) => (append ? [...prev, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
    }
    setStatus('idle');
  }

  useEffect(() => {
    void load(0, '', false);
  }, [slug]);

  const summary =
    type === ''
      ? `Showing ${formatCount(items.length)} of ${plural(size, 'entry', 'entries')}, oldest first.`
      : `Showing ${next === null ? '' : 'the first '}${plural(items.length, 'entry', 'entries')} of type “${typeLabel(type)}”.`;

  return (
    <Section
      id="entries"
      title="All entries"
      description="Entries hold no names, e-mail addresses or records: only what happened, codes for the people involved, counts and fingerprints."
    >
      <div className="entries-filter">
        <SelectField
          label="Type of entry"
          name="type"
          value={type}
          options={TYPE_OPTIONS}
          onChange={(e) => {
            setType(e.target.value);
            void load(0, e.target.value, false);
          }}
        />
      </div>
      {status === 'loading' ? (
        <Loading label="Loading entries…" />
      ) : error && items.length === 0 ? (
        <Alert tone="error" title="Could not load the entries.">
          <p>{errorMessage(error)}</p>
          <div>
            <Button variant="secondary" onClick={() => void load(0, type, false)}>
              Try again
            </Button>
          </div>
        </Alert>
      ) : (
        <>
          <p className="muted" role="status">
            {status === 'filtering' ? 'Loading entries…' : summary}
          </p>
          {items.length === 0 ? (
            <EmptyState title={type ? `No entries of type “${typeLabel(type)}”.` : 'No entries yet.'} />
          ) : (
            <ul className="entry-list" aria-label="Entries" aria-busy={status === 'filtering' || undefined}>
              {items.map((e) => (
                <li key={e.index}>
                  <EntryItem entry={e} pseudonym={pseudonym}>
                    <details className="disclosure">
                      <summary>
                        Check this entry<span className="visually-hidden"> #{e.index}</span>
                      </summary>
                      <div className="stack-sm">
                        <RawEntry entry={e} />
                        <ReceiptActions slug={slug} entry={e} verifierKeys={verifierKeys} />
                      </div>
                    </details>
                  </EntryItem>
                </li>
              ))}
            </ul>
          )}
          {error && items.length > 0 ? (
            <Alert tone="error" title="Could not load more entries.">
              <p>{errorMessage(error)}</p>
            </Alert>
          ) : null}
          {next !== null ? (
            <div>
              <Button variant="secondary" busy={status === 'more'} onClick={() => void load(next, type, true)}>
                {status === 'more' ? 'Loading…' : `Show ${PAGE_SIZE} more`}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}
