import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { formatCount, formatDate } from '../../lib/format.ts';
import type { MemberRow } from '../../lib/types.ts';
import { Alert, Button, EmptyState, Loading, RoleBadges, Section, Table, type Column } from '../../ui/index.ts';

const PAGE_SIZE = 50;

const COLUMNS: Column<MemberRow>[] = [
  { key: 'name', label: 'Name', rowHeader: true, cell: (m) => m.user.displayName },
  { key: 'email', label: 'Email', cell: (m) => m.user.email },
  { key: 'roles', label: 'Roles', cell: (m) => <RoleBadges roles={m.roles} label={`Roles of ${m.user.displayName}`} /> },
  { key: 'joined', label: 'Joined', cell: (m) => formatDate(m.joinedAt) },
];

export function MembersSection({ slug }: { slug: string }) {
  const [items, setItems] = useState<MemberRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<unknown>(null);

  async function load(cursor: string | undefined) {
    setStatus(cursor ? 'more' : 'loading');
    setError(null);
    try {
      const page = await api.call('listMembers', { params: { slug }, query: { limit: PAGE_SIZE, cursor } });
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      setError(e);
    } finally {
      setStatus('idle');
    }
  }

  useEffect(() => {
    void load(undefined);
  }, [slug]);

  return (
    <Section id="members" title="People" description="Everyone in the collective and their roles.">
      {status === 'loading' ? <Loading label="Loading people…" /> : null}
      {error ? (
        <Alert tone="error" title="Could not load people.">
          <p>{errorMessage(error)}</p>
          <div>
            <Button variant="secondary" onClick={() => void load(items.length ? (next ?? undefined) : undefined)}>
              Try again
            </Button>
          </div>
        </Alert>
      ) : null}
      {status !== 'loading' && !error && items.length === 0 ? <EmptyState title="Nobody here yet." /> : null}
      {items.length > 0 ? (
        <>
          <p className="muted" role="status">
            Showing {formatCount(items.length)} {items.length === 1 ? 'person' : 'people'}
            {next ? ' so far' : ''}.
          </p>
          <Table caption="People in the collective" hideCaption columns={COLUMNS} rows={items} rowKey={(m) => m.user.id} />
        </>
      ) : null}
      {next ? (
        <div>
          <Button variant="secondary" busy={status === 'more'} onClick={() => void load(next)}>
            {status === 'more' ? 'Loading…' : 'Show more people'}
          </Button>
        </div>
      ) : null}
    </Section>
  );
}
