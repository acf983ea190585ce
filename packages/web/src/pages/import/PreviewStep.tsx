import { useMemo } from 'react';
import { canonicalDataset } from '@steward/core';
import { EMPTY, fieldLabel, formatBytes, formatCount, formatDataValue, formatDate, formatMomentWithoutYear, formatMoney, humanize, plural, visibleFields } from '../../lib/format.ts';
import type { FieldDef, ImportPreview, ImportPreviewDataset } from '../../lib/types.ts';
import { Alert, Badge, Button, ButtonLink, Card, CopyText, Table, type Column } from '../../ui/index.ts';
import { ImportProblemAlert, type ImportProblem } from './problem.tsx';

type Row = ImportPreviewDataset['sample'][number];

/** "262 work tasks", "1 work task": the dataset's name as a count (the canonical names are plurals). */
export function countOf(n: number, name: string): string {
  const lower = name.toLowerCase();
  return `${formatCount(n)} ${n === 1 ? lower.replace(/s$/, '') : lower}`;
}

/** "a, b and c". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A file inside the upload is named `upload.zip › folder/file.csv`: the part inside is enough. */
export function innerName(file: string): string {
  const parts = file.split(' › ');
  return parts[parts.length - 1] ?? file;
}

interface PreviewStepProps {
  slug: string;
  preview: ImportPreview;
  timezone: string;
  isSteward: boolean;
  busy: boolean;
  problem: ImportProblem | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Step 2: what the file holds and what would be stored. Nothing is stored until confirmed. */
export function PreviewStep({ slug, preview, timezone, isSteward, busy, problem, onConfirm, onCancel }: PreviewStepProps) {
  const total = preview.datasets.reduce((n, d) => n + d.records, 0);
  const missing = preview.datasets.filter((d) => !d.declared);
  const canStore = !preview.noRows && total > 0 && missing.length === 0;
  const upload = preview.files[0];
  const inner = preview.files.slice(1);
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <div className="stack-lg">
      <Alert tone="info" title="Nothing is stored yet.">
        <p>This is what Steward read in your file. Look it over: the records are added to your data only when you press “Store these records” below.</p>
      </Alert>

      <section className="stack" aria-labelledby="import-file-title">
        <h3 id="import-file-title">Your file</h3>
        <dl className="facts">
          <dt>File</dt>
          <dd className="break-anywhere">
            {preview.fileName}
            {upload ? <span className="muted"> · {formatBytes(upload.bytes)}</span> : null}
          </dd>
          <dt>Recognised as</dt>
          <dd>
            {preview.importer.title}
            {preview.importer.name !== 'none' ? (
              <span className="muted small">
                {' '}
                (reader {preview.importer.name} {preview.importer.version})
              </span>
            ) : null}
          </dd>
          <dt>What Steward found</dt>
          <dd className="break-anywhere">{preview.detected}</dd>
          <dt>Time zone of the file</dt>
          <dd>{timezone.replace(/_/g, ' ')}</dd>
        </dl>
        {total > 0 ? (
          <p className="import-summary">
            {plural(total, 'record')} to store: {listOf(preview.datasets.map((d) => countOf(d.records, d.name)))}.
          </p>
        ) : (
          <Alert tone="warning" title="This file holds no records to store.">
            <p>It may be the wrong file from the export, or an empty one. Choose another file.</p>
          </Alert>
        )}
        <p className="small muted">
          Dates and times below are in your time zone ({viewerZone.replace(/_/g, ' ')}). If they look shifted by some hours, cancel and choose another time zone for the file.
        </p>
      </section>

      {preview.datasets.map((d) => (
        <DatasetPreview key={d.dataset} slug={slug} dataset={d} isSteward={isSteward} />
      ))}

      {preview.money.length > 0 ? <MoneyTotals preview={preview} /> : null}

      <section className="stack" aria-labelledby="import-skipped-title">
        <h3 id="import-skipped-title">Rows left out</h3>
        {preview.dropped.total === 0 ? (
          <p>No rows were skipped: every row became a record.</p>
        ) : (
          <>
            <ul className="stack-sm import-list">
              {Object.entries(preview.dropped.byReason).map(([reason, n]) => (
                <li key={reason}>
                  <strong>{plural(n, 'row')} skipped:</strong> {reason}
                </li>
              ))}
            </ul>
            {preview.dropped.examples.length > 0 ? (
              <details className="disclosure">
                <summary>Where in the file</summary>
                <ul className="small import-list">
                  {preview.dropped.examples.map((x, i) => (
                    <li key={i} className="break-anywhere">
                      Row {formatCount(x.row)} of {innerName(x.file)}: {x.reason}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        )}
        {preview.ignored.length > 0 ? (
          <details className="disclosure">
            <summary>{plural(preview.ignored.length, 'file')} in the upload ignored</summary>
            <ul className="small import-list">
              {preview.ignored.map((x, i) => (
                <li key={i} className="break-anywhere">
                  {innerName(x.file)}: {x.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {preview.warnings.length > 0 ? (
        <section className="stack" aria-labelledby="import-warnings-title">
          <h3 id="import-warnings-title">Worth knowing</h3>
          <ul className="stack-sm import-list">
            {preview.warnings.map((w, i) => (
              <li key={i}>
                {w.message}{' '}
                {w.count > 1 || w.file ? (
                  <span className="small muted break-anywhere">
                    ({[w.count > 1 ? `${formatCount(w.count)} times` : null, w.file ? innerName(w.file) : null].filter(Boolean).join(', in ')})
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {upload ? (
        <section className="stack" aria-labelledby="import-fingerprints-title">
          <div className="section-header">
            <h3 id="import-fingerprints-title">File fingerprints</h3>
            <p className="small muted">A SHA-256 fingerprint identifies a file exactly. The import’s entry in the public record carries the fingerprint of the file you sent, so you can show later which file it was.</p>
          </div>
          <ul className="fingerprints">
            <Fingerprint file={upload.file} bytes={upload.bytes} sha256={upload.sha256} />
          </ul>
          {inner.length > 0 ? (
            <details className="disclosure">
              <summary>Fingerprints of the {plural(inner.length, 'file')} inside</summary>
              <ul className="fingerprints">
                {inner.map((f) => (
                  <Fingerprint key={f.file} file={innerName(f.file)} bytes={f.bytes} sha256={f.sha256} />
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      <div className="stack import-actions">
        <ImportProblemAlert problem={problem} />
        {missing.length > 0 ? (
          <Alert tone="warning" title="These records cannot be stored yet.">
            <p>
              This collective has no {listOf(missing.map((d) => `“${d.name}”`))} dataset yet. A steward must add {missing.length === 1 ? 'it' : 'them'} first; then upload this file again.
            </p>
          </Alert>
        ) : null}
        <div className="form-actions">
          {canStore ? (
            <Button busy={busy} onClick={onConfirm}>
              {busy ? 'Storing…' : 'Store these records'}
            </Button>
          ) : null}
          <Button variant={canStore ? 'secondary' : 'primary'} onClick={onCancel} disabled={busy}>
            {canStore ? 'Cancel' : 'Choose another file'}
          </Button>
        </div>
        {canStore ? <p className="small muted">Cancel stores nothing.</p> : null}
      </div>
    </div>
  );
}

function Fingerprint({ file, bytes, sha256 }: { file: string; bytes: number; sha256: string }) {
  return (
    <li className="fingerprint">
      <span className="break-anywhere">
        <strong>{file}</strong> <span className="muted small">· {formatBytes(bytes)}</span>
      </span>
      <CopyText label={`SHA-256 of ${file}`} value={sha256} keep={16} />
    </li>
  );
}

function DatasetPreview({ slug, dataset, isSteward }: { slug: string; dataset: ImportPreviewDataset; isSteward: boolean }) {
  const titleId = `import-ds-${dataset.dataset}`;
  const fields = useMemo(() => canonicalDataset(dataset.dataset)?.schema.fields ?? guessFields(dataset.sample), [dataset.dataset, dataset.sample]);
  const oneYear = dataset.first !== null && dataset.last !== null && new Date(dataset.first).getFullYear() === new Date(dataset.last).getFullYear();
  const columns = useMemo<Column<Row>[]>(() => {
    // Columns empty in every sampled row (a city the export does not give) would only take room.
    // A sample shows what the records say, in a table that fits: the platform is said above
    // ("Recognised as"), the platform's ids are opaque codes, and a column empty in every sampled
    // row (a city the export does not give) would only take room. All of them are still stored.
    const shown = visibleFields(fields).filter(
      (f) => f.name !== 'platform' && f.category !== 'pd:Identifying' && dataset.sample.some((r) => r[f.name] !== null && r[f.name] !== undefined && r[f.name] !== ''),
    );
    return shown.map((f, i) => ({
      key: f.name,
      label: fieldLabel(f),
      numeric: f.type === 'money' || f.type === 'integer' || f.type === 'number',
      rowHeader: i === 0,
      wrap: f.type === 'string' && !f.enum && !f.groupable && f.category !== 'pd:Identifying',
      cell: (r) => {
        const v = r[f.name];
        // The period above gives the year: the sample's times go without it, so the table fits.
        if (f.type === 'timestamp' && oneYear && (typeof v === 'string' || typeof v === 'number')) return formatMomentWithoutYear(v);
        return formatDataValue(f, r);
      },
    }));
  }, [fields, dataset.sample, oneYear]);
  const period =
    dataset.first && dataset.last ? (
      <>
        {formatDate(dataset.first)} <span aria-hidden="true">→ </span>
        <span className="visually-hidden">to </span>
        {formatDate(dataset.last)}
      </>
    ) : (
      EMPTY
    );

  return (
    <Card as="section" className="stack import-dataset" aria-labelledby={titleId}>
      <div className="cluster-between">
        <h3 id={titleId}>{dataset.name}</h3>
        {dataset.declared ? <Badge tone="success">Ready to store</Badge> : <Badge tone="warning">Not in this collective yet</Badge>}
      </div>
      <dl className="facts">
        <dt>Records</dt>
        <dd>
          <strong>{formatCount(dataset.records)}</strong>
        </dd>
        <dt>Period</dt>
        <dd>{period}</dd>
      </dl>
      {!dataset.declared ? (
        <Alert tone="warning">
          <p>
            This collective has no “{dataset.name}” dataset, so these records cannot be stored here. A steward of the collective must add it first{isSteward ? '' : ': ask one of them'}.
          </p>
          {isSteward ? (
            <div>
              <ButtonLink to={`/c/${encodeURIComponent(slug)}/steward`} variant="secondary" small>
                Add it on the Steward page
              </ButtonLink>
            </div>
          ) : null}
        </Alert>
      ) : null}
      {dataset.sample.length > 0 && columns.length > 0 ? (
        <Table
          caption={`The first ${plural(dataset.sample.length, 'record')} of ${formatCount(dataset.records)}`}
          columns={columns}
          rows={dataset.sample}
          rowKey={(r) => dataset.sample.indexOf(r).toString()}
          stack={false}
        />
      ) : null}
    </Card>
  );
}

/** A dataset this web app does not know yet: plain columns from the sample itself. */
function guessFields(sample: Row[]): FieldDef[] {
  const names = [...new Set(sample.flatMap((r) => Object.keys(r)))];
  return names.map((name) => ({ name, type: 'string', category: 'pd:Professional', groupable: false, required: false, description: '' }) as FieldDef);
}

function MoneyTotals({ preview }: { preview: ImportPreview }) {
  const names = new Map(preview.datasets.map((d) => [d.dataset as string, d.name]));
  type MoneyRow = ImportPreview['money'][number];
  // Two columns, so the totals stay in view on a phone; the number of lines goes under the kind.
  const columns: Column<MoneyRow>[] = [
    {
      key: 'kind',
      label: 'Kind',
      rowHeader: true,
      wrap: true,
      cell: (m) => (
        <span className="money-kind">
          {/* Pay lines have a kind (fare, tip…); another dataset's money is named by its field and dataset. */}
          <span>{m.kind ? humanize(m.kind) : `${fieldLabelOf(m.dataset, m.field)} (${(names.get(m.dataset) ?? humanize(m.dataset)).toLowerCase()})`}</span>
          <span className="small muted">{plural(m.lines, 'line')}</span>
        </span>
      ),
    },
    { key: 'total', label: 'Total', numeric: true, cell: (m) => formatMoney(m.total, m.currency) },
  ];
  return (
    <section className="stack" aria-labelledby="import-money-title">
      <div className="section-header">
        <h3 id="import-money-title">Money in this file</h3>
        <p className="small muted">Totals per kind, as the file gives them. Deductions (the platform’s commission, taxes taken) are negative.</p>
      </div>
      <div className="import-money">
        <Table caption="Money totals per kind" hideCaption columns={columns} rows={preview.money} rowKey={(m) => `${m.dataset}.${m.field}.${m.kind ?? ''}.${m.currency}`} stack={false} />
      </div>
    </section>
  );
}

function fieldLabelOf(dataset: string, field: string): string {
  const def = canonicalDataset(dataset)?.schema.fields.find((f) => f.name === field);
  return def ? fieldLabel(def) : humanize(field);
}
