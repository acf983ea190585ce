import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useForm } from '../../lib/forms.ts';
import { useApi } from '../../lib/useApi.ts';
import { Alert, ConfirmButton, FormError, Loading, Section, SelectField, TextField, Button } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { TOPIC_LABELS, TOPICS, type Topic } from './model.ts';

/**
 * Liquid democracy, per topic: let another member vote for you, or take it back. The API names a
 * delegate by e-mail address (members have no list of each other: S1), so you type the address of
 * someone you know, such as a steward. Voting yourself always overrides your delegation.
 */
export function DelegationSection({ slug }: { slug: string }) {
  const mine = useApi(() => api.call('myDelegations', { params: { slug } }), slug);
  const form = useForm(['delegateEmail', 'topic']);
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const topic = String(data.get('topic')) as Topic;
    const delegateEmail = String(data.get('delegateEmail') ?? '').trim();
    const el = e.currentTarget;
    const ok = await form.submit(
      async () => {
        const d = await api.call('setDelegation', { params: { slug, topic }, body: { delegateEmail } });
        setSaved(`${d.delegate} now votes for you on: ${TOPIC_LABELS[topic].toLowerCase()}.`);
        await mine.reload();
      },
      () => ({ delegateEmail: delegateEmail.includes('@') ? undefined : 'Enter the e-mail address the member signs in with.' }),
    );
    if (ok) el.reset();
  }

  let body;
  if (mine.status === 'loading') body = <Loading label="Loading your delegations…" />;
  else if (mine.status === 'error') body = <LoadError error={mine.error} what="your delegations" onRetry={mine.reload} />;
  else if (!mine.data.allowed) body = <p>This collective’s charter does not allow delegation: every member votes for themself.</p>;
  else {
    const live = mine.data.items.filter((d) => !d.revokedAt);
    body = (
      <div className="stack">
        {live.length === 0 ? (
          <p>You vote for yourself on everything.</p>
        ) : (
          <ul className="stack-sm" aria-label="Your delegations">
            {live.map((d) => (
              <li key={d.id} className="cluster-between comment">
                <span>
                  <strong>{TOPIC_LABELS[d.topic]}:</strong> {d.delegate} votes for you <span className="muted small">(since {formatDate(d.createdAt)})</span>
                </span>
                <ConfirmButton
                  label="Take back"
                  what={`your delegation on ${TOPIC_LABELS[d.topic].toLowerCase()}`}
                  onConfirm={async () => {
                    await api.call('revokeDelegation', { params: { slug, topic: d.topic } });
                    setSaved(null);
                    await mine.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {mine.data.incoming.length > 0 ? (
          <p className="small">
            {mine.data.incoming.map((i) => `${i.members} ${i.members === 1 ? 'member delegates' : 'members delegate'} to you on ${TOPIC_LABELS[i.topic as Topic]?.toLowerCase() ?? i.topic}`).join('; ')}.
          </p>
        ) : null}
        {saved ? (
          <Alert tone="success" title="Saved" focus>
            <p>{saved}</p>
          </Alert>
        ) : null}
        <form className="form stack" aria-label="Delegate your vote" noValidate onSubmit={(e) => void onSubmit(e)}>
          <FormError problem={form.problem} labels={{ delegateEmail: 'Member’s e-mail address', topic: 'On' }} idPrefix="dg-" />
          <SelectField id="dg-topic" name="topic" label="On" options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))} error={form.fieldError('topic')} />
          <TextField
            id="dg-delegateEmail"
            name="delegateEmail"
            type="email"
            autoComplete="off"
            label="Member’s e-mail address"
            hint="Members cannot see a list of each other, so ask the person you trust (a steward, say) for the address they sign in with."
            error={form.fieldError('delegateEmail')}
          />
          <div className="form-actions">
            <Button type="submit" busy={form.busy}>
              Delegate
            </Button>
          </div>
        </form>
      </div>
    );
  }

  return (
    <Section id="delegation" title="Delegate your vote" description="Let a member you trust vote for you on one kind of decision, or on all. You can take it back at any time, and voting yourself always counts instead.">
      {body}
    </Section>
  );
}
