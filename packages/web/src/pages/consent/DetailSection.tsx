import { useMemo, useState, type FormEvent } from 'react';
import { categoryLabel } from '../../lib/format.ts';
import { Alert, Button } from '../../ui/index.ts';
import { baseGrid, cellIndex, limitedToFields, cellKey, changeSentence, DEFAULT_TIMING, detailChanges, gridKey, joinWords, timingDates, type ConsentOptions, type MyConsent, type Tick, type Timing } from './model.ts';
import { TimingFields } from './TimingFields.tsx';
import type { DecisionFlow } from './useDecision.ts';

const MAX_CHANGES = 50;

interface Props {
  options: ConsentOptions;
  mine: MyConsent;
  flow: DecisionFlow;
  open: boolean;
  onToggle: (open: boolean) => void;
}

/**
 * "Choose in detail": for each purpose, a row of recipients to tick, over the datasets chosen
 * (all by default), starting from what the member decided. Saving turns the differences into
 * few changes (a rectangle per purpose group and status), shows the notice, then records them.
 */
export function DetailSection({ options, mine, flow, open, onToggle }: Props) {
  return (
    <section className="section" aria-labelledby="detail-title">
      <div className="section-header">
        <h2 id="detail-title" tabIndex={-1}>
          Choose in detail
        </h2>
        <p>Decide for each purpose who may use your data, and for which of your data.</p>
      </div>
      <div>
        <Button variant="secondary" aria-expanded={open} aria-controls="detail-form" onClick={() => onToggle(!open)}>
          {open ? 'Hide the detailed choices' : 'Show the detailed choices'}
        </Button>
      </div>
      {open ? <DetailForm options={options} mine={mine} flow={flow} /> : null}
    </section>
  );
}

function DetailForm({ options, mine, flow }: Omit<Props, 'open' | 'onToggle'>) {
  const [chosen, setChosen] = useState<string[]>(() => options.datasets.map((d) => d.id));
  const [edits, setEdits] = useState<Map<string, Tick>>(new Map());
  const [timing, setTiming] = useState<Timing>(DEFAULT_TIMING);
  const [localError, setLocalError] = useState<{ datasets?: string; form?: string }>({});
  const cells = useMemo(() => cellIndex(mine.cells), [mine.cells]);
  const purposes = options.purposes.map((p) => p.id);
  const categories = options.recipients.map((r) => r.category);
  const base = useMemo(() => baseGrid(cells, chosen, purposes, categories), [cells, chosen, purposes.join(), categories.join()]);
  const grid = new Map(base);
  for (const [k, v] of edits) grid.set(k, v);
  const changes = chosen.length > 0 ? detailChanges(cells, chosen, grid, timingDates(timing, new Date())) : [];
  const problem = flow.problem?.source === 'detail' ? flow.problem : null;
  const datasetError = localError.datasets ?? problem?.fields.datasets;

  // A saved change reloads the member's cells: start again from them.
  const [seen, setSeen] = useState(mine);
  if (seen !== mine) {
    setSeen(mine);
    setEdits(new Map());
  }

  function toggleDataset(id: string, on: boolean) {
    setLocalError({});
    setChosen((prev) => (on ? options.datasets.map((d) => d.id).filter((d) => d === id || prev.includes(d)) : prev.filter((d) => d !== id)));
  }

  function tick(key: string, on: boolean) {
    setLocalError({});
    setEdits((prev) => new Map(prev).set(key, on ? 'on' : 'off'));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    flow.clearProblem();
    if (chosen.length === 0) return setLocalError({ datasets: 'Choose at least one kind of data.' });
    if (changes.length === 0) return setLocalError({ form: 'You have not changed anything yet. Tick or clear a box first.' });
    if (changes.length > MAX_CHANGES) return setLocalError({ form: 'That is too many different changes at once. Save part of them first, then the rest.' });
    setLocalError({});
    void flow.review('detail', { changes }, changes.map((c) => changeSentence(c, options)));
  }

  return (
    <form id="detail-form" className="form detail-form" onSubmit={submit} noValidate aria-labelledby="detail-title">
      <fieldset className="consent-fieldset" aria-describedby={datasetError ? 'detail-datasets-error' : undefined}>
        <legend className="field-label">Which of your data</legend>
        <p className="field-hint">All of it unless you clear some. Ticks below show what the chosen data allows now.</p>
        <ul className="dataset-choices">
          {options.datasets.map((d) => (
            <li key={d.id}>
              <label className="choice">
                <input
                  type="checkbox"
                  name="datasets"
                  value={d.id}
                  checked={chosen.includes(d.id)}
                  onChange={(e) => toggleDataset(d.id, e.target.checked)}
                  aria-labelledby={`detail-ds-${d.id}-name`}
                  aria-describedby={`detail-ds-${d.id}`}
                />
                <span className="choice-text">
                  <span className="choice-label" id={`detail-ds-${d.id}-name`}>
                    {d.name}
                  </span>
                  <span className="small muted" id={`detail-ds-${d.id}`}>
                    Holds: {joinWords(d.categories.map((c) => categoryLabel(c).toLowerCase()))}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {datasetError ? (
          <p className="field-error" id="detail-datasets-error">
            <span className="visually-hidden">Error: </span>
            {datasetError}
          </p>
        ) : null}
      </fieldset>

      <details className="disclosure recipients-explained">
        <summary>Who are these recipients?</summary>
        <dl className="facts">
          {options.recipients.map((r) => (
            <div key={r.category} className="facts-row">
              <dt>{r.label}</dt>
              <dd id={`recipient-${r.category}-explanation`}>{r.explanation}</dd>
            </div>
          ))}
        </dl>
      </details>

      <ul className="purpose-list">
        {options.purposes.map((p) => (
          <li key={p.id}>
            <fieldset className="consent-fieldset purpose-row" aria-describedby={`purpose-${cssId(p.id)}-explanation`}>
              <legend className="purpose-label">{p.label}</legend>
              <p id={`purpose-${cssId(p.id)}-explanation`}>{p.explanation}</p>
              <ul className="purpose-examples small muted" aria-label={`Examples of ${p.label.toLowerCase()}`}>
                {p.examples.slice(0, 2).map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
              <div className="recipient-checks">
                {options.recipients.map((r) => {
                  const key = gridKey(p.id, r.category);
                  const state = grid.get(key) ?? 'off';
                  const limited = chosen
                    .map((d) => ({ d, cell: cells.get(cellKey(d, p.id, r.category)) }))
                    .filter((x) => x.cell !== undefined && limitedToFields(x.cell))
                    .map((x) => `${options.datasets.find((ds) => ds.id === x.d)?.name ?? 'a dataset'}: ${joinWords(x.cell!.fields!)}`);
                  const noteId = `choice-${cssId(key)}`;
                  return (
                    <label key={r.category} className={state === 'mixed' ? 'choice choice-mixed' : 'choice'}>
                      <input
                        type="checkbox"
                        name={key}
                        checked={state === 'on'}
                        ref={(el) => {
                          if (el) el.indeterminate = state === 'mixed';
                        }}
                        onChange={(e) => tick(key, e.target.checked)}
                        // Named by the recipient alone; the notes below describe it.
                        aria-labelledby={`${noteId}-name`}
                        aria-describedby={[`recipient-${r.category}-explanation`, limited.length > 0 || state === 'mixed' ? noteId : null].filter(Boolean).join(' ')}
                      />
                      <span className="choice-text">
                        <span className="choice-label" id={`${noteId}-name`}>
                          {r.label}
                        </span>
                        {state === 'mixed' ? (
                          <span className="small muted" id={limited.length > 0 ? undefined : noteId}>
                            Some of the chosen data only
                          </span>
                        ) : null}
                        {limited.length > 0 ? (
                          <span className="small muted" id={noteId}>
                            Only some fields: {limited.join('; ')}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>

      <fieldset className="consent-fieldset">
        <legend className="field-label">For what you newly allow</legend>
        <p className="field-hint">When a new yes ends, and when we ask you again. What you allowed before keeps its own dates.</p>
        <TimingFields idPrefix="detail" value={timing} onChange={setTiming} errors={problem?.fields} />
      </fieldset>

      <div className="detail-actions stack-sm">
        <p className="muted" role="status">
          {changes.length === 0 ? 'No changes yet.' : `${changes.length === 1 ? '1 change' : `${changes.length} changes`} to review.`}
        </p>
        {localError.form ? (
          <p className="field-error" role="alert">
            {localError.form}
          </p>
        ) : null}
        {problem ? (
          <Alert key={problem.id} tone="error" title={problem.message} focus>
            {problem.fields.other ? <p>{problem.fields.other}</p> : null}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" busy={flow.busy === 'detail'}>
            Review and save
          </Button>
        </div>
      </div>
    </form>
  );
}

/** `dpv:AcademicResearch|academic` → an id-safe `dpv-AcademicResearch-academic`. */
function cssId(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '-');
}
