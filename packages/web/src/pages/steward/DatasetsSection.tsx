import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { categoryLabel, fieldLabel, fieldTypeLabel, formatCount, unitLabel } from '../../lib/format.ts';
import { useForm } from '../../lib/forms.ts';
import type { FieldDef, Reference, StewardHomeData } from '../../lib/types.ts';
import { useApi } from '../../lib/useApi.ts';
import { Alert, Badge, Button, Card, EmptyState, FormError, Loading, Section, SelectField, Table, type Column } from '../../ui/index.ts';

type DatasetWithCount = StewardHomeData['datasets'][number];

const FIELD_COLUMNS: Column<FieldDef>[] = [
  {
    key: 'name',
    label: 'Field',
    rowHeader: true,
    cell: (f) => (
      <span className="stack-sm" style={{ gap: 0 }}>
        <span>{fieldLabel(f)}</span>
        <code className="muted small">{f.name}</code>
      </span>
    ),
  },
  { key: 'type', label: 'Type', cell: (f) => fieldTypeLabel(f.type) },
  { key: 'unit', label: 'Unit', wrap: true, cell: (f) => (f.type === 'money' && f.currencyField ? `${unitLabel(f.unit)}, currency in “${f.currencyField}”` : unitLabel(f.unit)) },
  { key: 'category', label: 'Kind of personal data (DPV)', cell: (f) => <span title={f.category}>{categoryLabel(f.category)}</span> },
  { key: 'groupable', label: 'Can group by', cell: (f) => (f.groupable ? 'Yes' : 'No') },
  { key: 'required', label: 'Required', cell: (f) => (f.required ? 'Yes' : 'No') },
  { key: 'description', label: 'Meaning', wrap: true, cell: (f) => f.description || '—' },
];

export function DatasetsSection({ slug, datasets, onChanged }: { slug: string; datasets: DatasetWithCount[]; onChanged: () => Promise<void> }) {
  return (
    <Section id="datasets" title="Datasets" description="The kinds of data members can bring. Each field says what it reveals, using the W3C Data Privacy Vocabulary (DPV).">
      {datasets.length === 0 ? (
        <EmptyState title="No datasets yet">
          <p>Add a canonical dataset below so members can bring their data.</p>
        </EmptyState>
      ) : (
        <ul className="stack">
          {datasets.map((d) => (
            <li key={d.id}>
              <Card as="article" aria-labelledby={`sds-${d.id}`} className="stack-sm">
                <div className="cluster-between">
                  <h3 id={`sds-${d.id}`}>{d.name}</h3>
                  <div className="cluster">
                    {d.canonical ? <Badge tone="info">Canonical</Badge> : <Badge>Custom</Badge>}
                    <Badge tone="primary">{d.records === 1 ? '1 record' : `${formatCount(d.records)} records`}</Badge>
                  </div>
                </div>
                {d.description ? <p className="muted">{d.description}</p> : null}
                <details className="disclosure">
                  <summary>
                    Schema: {d.schema.fields.length} fields<span className="visually-hidden"> of {d.name}</span>
                  </summary>
                  <Table caption={`Fields of ${d.name}`} hideCaption columns={FIELD_COLUMNS} rows={d.schema.fields} rowKey={(f) => f.name} />
                </details>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <AddCanonicalDataset slug={slug} declared={datasets} onAdded={onChanged} />
    </Section>
  );
}

function AddCanonicalDataset({ slug, declared, onAdded }: { slug: string; declared: DatasetWithCount[]; onAdded: () => Promise<void> }) {
  const reference = useApi<Reference>(() => api.call('reference'), 'reference');
  const taken = new Set(declared.map((d) => d.canonical).filter(Boolean));
  const available = reference.data?.canonicalDatasets.filter((c) => !taken.has(c.canonical)) ?? [];
  const [choice, setChoice] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm(['canonical']);
  const selected = available.find((c) => c.canonical === choice) ?? available[0];

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!selected) return;
    await form.submit(async () => {
      const ds = await api.call('createDataset', { params: { slug }, body: { canonical: selected.canonical } });
      setAdded(ds.name);
      setChoice('');
      await onAdded();
    });
  }

  return (
    <Card className="form-card">
      <h3 id="add-dataset-title">Add a canonical dataset</h3>
      {reference.status === 'loading' ? <Loading label="Loading the list of datasets…" /> : null}
      {reference.status === 'error' ? (
        <Alert tone="error" title="Could not load the list of canonical datasets.">
          <div>
            <Button variant="secondary" onClick={() => void reference.reload()}>
              Try again
            </Button>
          </div>
        </Alert>
      ) : null}
      {reference.status === 'ok' && available.length === 0 ? <p className="muted">Every canonical dataset is already added.</p> : null}
      {added ? (
        <Alert tone="success" title={`Added “${added}”.`}>
          <p>Members can now bring this data.</p>
        </Alert>
      ) : null}
      {selected ? (
        <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="add-dataset-title" style={{ marginTop: 'var(--space-3)' }}>
          <FormError problem={form.problem} labels={{ canonical: 'Dataset' }} idPrefix="add-" />
          <SelectField
            id="add-canonical"
            name="canonical"
            label="Dataset"
            hint="Standard datasets that the importers know how to fill."
            value={selected.canonical}
            onChange={(e) => {
              setChoice(e.target.value);
              setAdded(null);
            }}
            options={available.map((c) => ({ value: c.canonical, label: c.name }))}
            error={form.fieldError('canonical')}
          />
          <p className="muted">
            {selected.description} {selected.schema.fields.length} fields: {selected.schema.fields.map((f) => fieldLabel(f).toLowerCase()).join(', ')}.
          </p>
          <div className="form-actions">
            <Button type="submit" busy={form.busy}>
              {form.busy ? 'Adding…' : 'Add dataset'}
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
