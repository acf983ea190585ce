import { PURPOSES, RECIPIENT_CATEGORIES, RECIPIENT_CATEGORY_INFO } from '@steward/core';
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import { Button, Loading, Section, SelectField, Table, type Column } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';

type Purpose = (typeof PURPOSES)[number];

/**
 * For stewards and auditors: how many members allow each use now (dataset × purpose × kind of
 * recipient), out of all members, by the same gate every use goes through. Counts only, never who.
 */
export function CoverageSection({ slug }: { slug: string }) {
  const data = useApi(async () => {
    const [coverage, datasets] = await Promise.all([api.call('consentCoverage', { params: { slug } }), api.call('listDatasets', { params: { slug } })]);
    return { coverage, datasets: datasets.items };
  }, slug);
  const [picked, setPicked] = useState<string | null>(null);

  let body;
  if (data.status === 'loading') body = <Loading label="Counting consent…" />;
  else if (data.status === 'error') body = <LoadError error={data.error} what="consent coverage" onRetry={data.reload} />;
  else {
    const { coverage, datasets } = data.data;
    const datasetId = picked ?? datasets[0]?.id;
    const dataset = datasets.find((d) => d.id === datasetId);
    const counts = new Map(coverage.cells.filter((c) => c.datasetId === datasetId).map((c) => [`${c.purpose}|${c.category}`, c.members]));
    const columns: Column<Purpose>[] = [
      { key: 'purpose', label: 'Purpose', rowHeader: true, wrap: true, cell: (p) => p.label },
      ...RECIPIENT_CATEGORIES.map(
        (category): Column<Purpose> => ({ key: category, label: RECIPIENT_CATEGORY_INFO[category].label, numeric: true, cell: (p) => formatCount(counts.get(`${p.id}|${category}`) ?? 0) }),
      ),
    ];
    body =
      datasets.length === 0 ? (
        <p className="muted">This collective has no datasets yet.</p>
      ) : (
        <div className="stack">
          <p className="coverage-total">
            Out of <strong>{formatCount(coverage.members)}</strong> {coverage.members === 1 ? 'member' : 'members'}, counted {formatDateTime(coverage.at)}.
          </p>
          <div className="coverage-select">
            <SelectField name="coverage-dataset" label="Dataset" value={datasetId} options={datasets.map((d) => ({ value: d.id, label: d.name }))} onChange={(e) => setPicked(e.target.value)} />
          </div>
          <Table caption={`Members who allow each use of ${dataset?.name ?? 'this dataset'}`} columns={columns} rows={PURPOSES} rowKey={(p) => p.id} />
          <div>
            <Button variant="secondary" small onClick={() => void data.reload()}>
              Count again
            </Button>
          </div>
        </div>
      );
  }

  return (
    <Section
      id="coverage"
      title="Consent coverage"
      description="How many members allow each use of their data right now: by purpose and by kind of recipient. Only numbers: who said yes is never shown, to anyone."
    >
      {body}
    </Section>
  );
}
