import { formatCount, plural } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import type { ImportPreview, ImportResult, MemberDataset } from '../../lib/types.ts';
import { Button, ButtonLink, Table, type Column } from '../../ui/index.ts';

interface ResultStepProps {
  slug: string;
  preview: ImportPreview;
  result: ImportResult;
  /** The collective's datasets, to link each to the member's records in it. */
  datasets: readonly MemberDataset[];
  onAgain: () => void;
}

interface Row {
  canonical: string;
  name: string;
  added: number;
  duplicates: number;
  slug?: string;
}

/** Step 3: what was stored, where to see it, and its entry in the public record. */
export function ResultStep({ slug, preview, result, datasets, onAgain }: ResultStepProps) {
  const base = `/c/${encodeURIComponent(slug)}`;
  const rows: Row[] = Object.entries(result.datasets).map(([canonical, t]) => {
    const ds = datasets.find((d) => d.canonical === canonical);
    const name = ds?.name ?? preview.datasets.find((d) => d.dataset === canonical)?.name ?? canonical;
    return { canonical, name, added: t.added, duplicates: t.duplicates, slug: ds?.slug };
  });
  const columns: Column<Row>[] = [
    { key: 'name', label: 'Dataset', rowHeader: true, cell: (r) => r.name },
    { key: 'added', label: 'New', numeric: true, cell: (r) => formatCount(r.added) },
    { key: 'duplicates', label: 'You already had', numeric: true, cell: (r) => formatCount(r.duplicates) },
    {
      key: 'link',
      label: 'Your records',
      noLabel: true,
      cell: (r) =>
        r.slug ? (
          <Link to={`${base}/data/${encodeURIComponent(r.slug)}`}>
            See your records<span className="visually-hidden"> in {r.name}</span>
          </Link>
        ) : null,
    },
  ];

  return (
    <div className="stack-lg">
      <div className="stack-sm">
        <p>
          {result.duplicates > 0
            ? `Records you already had are not stored twice: ${formatCount(result.duplicates)} of the file’s records were already in your data, so they were skipped.`
            : 'All of them were new to your data here.'}
          {result.dropped > 0 ? ` ${plural(result.dropped, 'row')} of the file could not be read and ${result.dropped === 1 ? 'was' : 'were'} left out, as the preview said.` : ''}
        </p>
        <p className="muted">Only you can see your own records, and every use the collective makes of them is written in its public record.</p>
      </div>

      <div className="import-stored">
        <Table caption="What was stored, per dataset" columns={columns} rows={rows} rowKey={(r) => r.canonical} />
      </div>

      <p>
        The import is written in the collective’s public record as <strong>entry #{result.logIndex}</strong>: how many records you added and the fingerprint of your file, never what the records say.
      </p>

      <div className="form-actions">
        <ButtonLink to={base}>See your records</ButtonLink>
        <ButtonLink to={`${base}/transparency`} variant="secondary">
          See entry #{result.logIndex} on the Transparency page
        </ButtonLink>
        <Button variant="ghost" onClick={onAgain}>
          Import another file
        </Button>
      </div>
    </div>
  );
}
