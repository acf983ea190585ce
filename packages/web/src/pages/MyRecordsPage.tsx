import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../lib/api.ts';
import { fieldLabel, formatCount, formatFieldValue, visibleFields } from '../lib/format.ts';
import type { DataRecord, MemberDataset } from '../lib/types.ts';
import { useApi } from '../lib/useApi.ts';
import { useTitle } from '../lib/useTitle.ts';
import { Alert, Button, ButtonLink, EmptyState, Loading, PageHeader, Table, type Column } from '../ui/index.ts';
import { LoadError } from './LoadError.tsx';

const PAGE_SIZE = 25;

export function MyRecordsPage({ slug, dataset }: { slug: string; dataset: string }) {
  const home = useApi(() => api.call('memberHome', { params: { slug } }), slug);
  const ds = home.data?.datasets.find((d) => d.slug === dataset);
  useTitle(ds ? `Your records: ${ds.name}` : 'Your records');
  const back = { to: `/c/${encodeURIComponent(slug)}`, label: home.data ? `Back to ${home.data.collective.name}` : 'Back' };

  if (home.status === 'loading') return <Loading label="Loading your records…" />;
  if (home.status === 'error') return <LoadError page error={home.error} what="this collective" onRetry={home.reload} />;
  if (!ds) {
    return (
      <>
        <PageHeader title="Dataset not found" back={back} />
        <EmptyState title={`This collective has no dataset called “${dataset}”.`} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={ds.name} back={back} lede={ds.description || undefined} />
      <RecordsTable slug={slug} dataset={ds} />
    </>
  );
}

function RecordsTable({ slug, dataset }: { slug: string; dataset: MemberDataset }) {
  const [items, setItems] = useState<DataRecord[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<unknown>(null);

  async function load(cursor: string | undefined) {
    setStatus(cursor ? 'more' : 'loading');
    setError(null);
    try {
      const page = await api.call('myRecords', { params: { slug, dataset: dataset.slug }, query: { limit: PAGE_SIZE, cursor } });
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
  }, [slug, dataset.slug]);

  const columns = useMemo<Column<DataRecord>[]>(() => {
    const fields = visibleFields(dataset.schema.fields);
    const cols: Column<DataRecord>[] = fields.map((f, i) => ({
      key: f.name,
      label: fieldLabel(f),
      numeric: f.type === 'money' || f.type === 'integer' || f.type === 'number',
      rowHeader: i === 0,
      wrap: f.type === 'string' && !f.enum && !f.groupable && f.category !== 'pd:Identifying',
      cell: (r) => formatFieldValue(f, r),
    }));
    return cols;
  }, [dataset.schema.fields]);

  if (status === 'loading') return <Loading label="Loading your records…" />;
  if (error && items.length === 0) return <LoadError error={error} what="your records" onRetry={() => void load(undefined)} />;
  if (items.length === 0) {
    return (
      <EmptyState
        title="No records of yours in this dataset yet."
        action={
          <ButtonLink to={`/c/${encodeURIComponent(slug)}/import`} variant="secondary">
            Bring your data
          </ButtonLink>
        }
      >
        <p>When you bring data into this collective, it shows up here.</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <p className="muted" role="status">
        Showing {formatCount(items.length)} of {formatCount(Math.max(dataset.myRecords, items.length))} records. Only you can see them.
      </p>
      <Table caption={`Your records in ${dataset.name}`} hideCaption columns={columns} rows={items} rowKey={(r) => r.id} />
      {error ? (
        <Alert tone="error" title="Could not load more records.">
          <p>{errorMessage(error)}</p>
        </Alert>
      ) : null}
      {next ? (
        <div>
          <Button variant="secondary" busy={status === 'more'} onClick={() => void load(next)}>
            {status === 'more' ? 'Loading…' : `Show ${PAGE_SIZE} more`}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
