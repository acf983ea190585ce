import { PURPOSES, RECIPIENT_CATEGORIES, RECIPIENT_CATEGORY_INFO } from '@steward/core';
import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { useForm } from '../../lib/forms.ts';
import { navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { Button, FormError, SelectField, TextAreaField, TextField } from '../../ui/index.ts';
import { KIND_LABELS, METHOD_LABELS, needsOptions, ruleLines, type DecisionKind } from './model.ts';

const FORM_KINDS: readonly DecisionKind[] = ['motion', 'charter_amendment', 'access_request'];
const FIELDS = ['kind', 'title', 'body', 'options', 'payload', 'payload.charter', 'purpose', 'recipient', 'datasets', 'rhoMicro', 'price', 'durationDays'];
const LABELS: Record<string, string> = {
  kind: 'Kind',
  title: 'Title',
  body: 'What it proposes',
  options: 'Options',
  payload: 'Details',
  'payload.charter': 'The new charter (JSON)',
  purpose: 'Purpose',
  recipient: 'Who would use the data',
  datasets: 'Datasets',
  rhoMicro: 'Privacy budget',
  price: 'Price',
  durationDays: 'For how many days',
};

/** API field paths under payload.terms land next to the matching input. */
const termsField = (f: string) => f.replace(/^payload\.terms\./, '').replace(/^price\..*/, 'price');

/** Drafting a proposal. Options appear when the charter decides this kind by quadratic or ranked vote. */
export function NewProposalForm({ slug }: { slug: string }) {
  const charter = useApi(() => api.call('getCharter', { params: { slug } }), slug);
  const [kind, setKind] = useState<DecisionKind>('motion');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [charterJson, setCharterJson] = useState<string | null>(null);
  const form = useForm(FIELDS);
  const rule = charter.data?.charter.decisions[kind];
  const withOptions = needsOptions(rule?.method);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    let payload: Record<string, unknown> | undefined;
    const local: Record<string, string> = {};
    if (!text('title')) local.title = 'Give the proposal a title.';
    if (withOptions && options.filter((o) => o.trim()).length < 2) local.options = 'List at least two options to choose from.';
    if (kind === 'charter_amendment') {
      try {
        payload = { charter: JSON.parse(text('charter')) as unknown };
      } catch {
        local['payload.charter'] = 'This is not valid JSON.';
      }
    }
    if (kind === 'access_request') {
      const num = (k: string) => Number(text(k));
      payload = {
        terms: {
          purpose: text('purpose'),
          recipient: text('recipient'),
          datasets: text('datasets').split(',').map((s) => s.trim()).filter(Boolean),
          rhoMicro: Math.round(num('rho') * 1_000_000),
          price: { amountMinor: Math.round(num('price') * 100), currency: text('currency').toUpperCase() },
          durationDays: num('durationDays'),
        },
      };
    }
    await form.submit(
      async () => {
        const opts = withOptions
          ? options
              .map((o) => o.trim())
              .filter(Boolean)
              .map((label, i) => ({ id: `o${i + 1}`, label }))
          : undefined;
        const created = await api.call('createProposal', { params: { slug }, body: { kind, title: text('title'), body: text('body') || undefined, options: opts, payload } });
        navigate(`/c/${encodeURIComponent(slug)}/proposals/${encodeURIComponent(created.id)}`);
      },
      () => local,
    );
  }

  const problem = form.problem ? { ...form.problem, fields: Object.fromEntries(Object.entries(form.problem.fields).map(([k, v]) => [termsField(k), v])) } : null;
  const err = (k: string) => problem?.fields[k];

  return (
    <section className="section" aria-labelledby="new-proposal-title">
      <div className="section-header">
        <h2 id="new-proposal-title">New proposal</h2>
      </div>
      <details className="disclosure card">
        <summary>Write a proposal</summary>
        <form className="form stack" aria-label="New proposal" noValidate onSubmit={(e) => void onSubmit(e)}>
          <p className="muted">A proposal starts as a draft only you can change. When it is ready, open it for votes: the charter’s rule for its kind then applies.</p>
          <FormError problem={problem} labels={LABELS} idPrefix="np-" />
          <SelectField
            id="np-kind"
            name="kind"
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as DecisionKind)}
            options={FORM_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            error={err('kind')}
          />
          {rule ? (
            <div className="small muted">
              <p>
                <strong>{METHOD_LABELS[rule.method]}.</strong> {ruleLines(rule).join(' ')}
              </p>
            </div>
          ) : null}
          <TextField id="np-title" name="title" label="Title" maxLength={200} required error={err('title')} />
          <TextAreaField id="np-body" name="body" label="What it proposes" hint="Explain what would change and why." rows={5} maxLength={20000} error={err('body')} />
          {withOptions ? (
            <fieldset className="ballot-fieldset" id="np-options" tabIndex={-1}>
              <legend>Options to choose from</legend>
              {options.map((o, i) => (
                <div key={i} className="option-row">
                  <TextField
                    name={`option-${i}`}
                    label={`Option ${i + 1}`}
                    value={o}
                    maxLength={200}
                    onChange={(e) => setOptions(options.map((x, j) => (j === i ? e.target.value : x)))}
                  />
                  {options.length > 2 ? (
                    <Button variant="ghost" onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                      Remove<span className="visually-hidden"> option {i + 1}</span>
                    </Button>
                  ) : null}
                </div>
              ))}
              {err('options') ? <p className="field-error">{err('options')}</p> : null}
              {options.length < 20 ? (
                <div>
                  <Button variant="secondary" onClick={() => setOptions([...options, ''])}>
                    Add an option
                  </Button>
                </div>
              ) : null}
            </fieldset>
          ) : null}
          {kind === 'charter_amendment' ? (
            <TextAreaField
              id="np-payload.charter"
              name="charter"
              label="The new charter (JSON)"
              hint="Start from the charter in force and change what you propose; members see exactly what changes before they vote."
              rows={14}
              className="mono"
              value={charterJson ?? (charter.data ? JSON.stringify(charter.data.charter, null, 2) : '')}
              onChange={(e) => setCharterJson(e.target.value)}
              error={err('payload.charter') ?? err('payload')}
            />
          ) : null}
          {kind === 'access_request' ? (
            <>
              <SelectField id="np-purpose" name="purpose" label="Purpose" options={PURPOSES.map((p) => ({ value: p.id, label: p.label }))} error={err('purpose')} />
              <SelectField
                id="np-recipient"
                name="recipient"
                label="Who would use the data"
                options={RECIPIENT_CATEGORIES.map((c) => ({ value: c, label: RECIPIENT_CATEGORY_INFO[c].label }))}
                error={err('recipient')}
              />
              <TextField id="np-datasets" name="datasets" label="Datasets" hint="Names, separated by commas, e.g. work_tasks, pay_statements." error={err('datasets')} />
              <TextField id="np-rhoMicro" name="rho" label="Privacy budget (ρ)" inputMode="decimal" defaultValue="0.1" error={err('rhoMicro')} />
              <div className="option-row">
                <TextField id="np-price" name="price" label="Price" inputMode="decimal" defaultValue="0" error={err('price')} />
                <TextField name="currency" label="Currency" defaultValue="EUR" maxLength={3} className="field-narrow" />
              </div>
              <TextField id="np-durationDays" name="durationDays" label="For how many days" inputMode="numeric" defaultValue="90" error={err('durationDays')} />
            </>
          ) : null}
          <div className="form-actions">
            <Button type="submit" busy={form.busy}>
              {form.busy ? 'Saving…' : 'Save as draft'}
            </Button>
          </div>
        </form>
      </details>
    </section>
  );
}
