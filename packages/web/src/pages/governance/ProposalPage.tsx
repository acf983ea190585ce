import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Alert, Badge, Button, Card, Loading, PageHeader, Section, TextAreaField } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { BallotForm } from './BallotForm.tsx';
import { CharterDiff } from './CharterDiff.tsx';
import { closesIn, KIND_LABELS, OUTCOME_LABELS, ruleLines, STATUS_LABELS, STATUS_TONES, turnoutText, type Proposal } from './model.ts';
import '../consent/consent.css';
import './governance.css';

/** One proposal: what it says, its rule in words, turnout, your ballot, vetoes, comments, the result. */
export function ProposalPage({ slug, id }: { slug: string; id: string }) {
  const p = useApi(() => api.call('getProposal', { params: { slug, proposalId: id } }), `${slug}/${id}`);
  useTitle(p.data?.title ?? 'Proposal');
  const back = { to: `/c/${encodeURIComponent(slug)}/proposals`, label: 'Back to decisions' };
  if (p.status === 'loading') return <Loading label="Loading the proposal…" />;
  if (p.status === 'error') return <LoadError page error={p.error} what="this proposal" onRetry={p.reload} />;
  const proposal = p.data;
  const rule = proposal.rule;

  return (
    <>
      <PageHeader title={proposal.title} back={back}>
        <div className="proposal-meta">
          <Badge tone={STATUS_TONES[proposal.status]}>{STATUS_LABELS[proposal.status]}</Badge>
          <span>{KIND_LABELS[proposal.kind]}</span>
          <span>by {proposal.mine ? 'you' : proposal.author}</span>
          {proposal.status === 'open' && proposal.closesAt ? <span>{`${closesIn(proposal.closesAt)} (${formatDateTime(proposal.closesAt)})`}</span> : null}
        </div>
      </PageHeader>
      <div className="sections">
        {proposal.result ? <ResultSection proposal={proposal} /> : null}
        <Section id="what" title="What it proposes">
          {proposal.body ? <p className="proposal-body">{proposal.body}</p> : <p className="muted">No text beyond the title.</p>}
          {proposal.options.length > 0 ? (
            <ul className="stack-sm" aria-label="Options">
              {proposal.options.map((o) => (
                <li key={o.id}>{o.label}</li>
              ))}
            </ul>
          ) : null}
          {proposal.evaluation ? (
            <Alert tone={proposal.evaluation.outcome === 'forbidden' ? 'error' : 'info'} title="What the charter says of this request">
              <p>{proposal.evaluation.reason}</p>
            </Alert>
          ) : null}
        </Section>
        {proposal.changes ? (
          <Section id="changes" title="What changes in the charter" description="Each line is one place in the charter: what it says now (−) and what it would say (+).">
            <CharterDiff changes={proposal.changes} label="Changes to the charter" />
          </Section>
        ) : null}
        <Section id="rule" title="How it is decided">
          {rule ? (
            <ul className="rule-lines">
              {ruleLines(rule).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : (
            <p>The charter’s rule for {KIND_LABELS[proposal.kind].toLowerCase()}s applies once the proposal opens for votes.</p>
          )}
          {proposal.status !== 'draft' ? <p className="consent-headline">{turnoutText(proposal.ballotsCast, proposal.electorate)}</p> : null}
        </Section>
        <Actions slug={slug} proposal={proposal} onChange={p.reload} />
        {proposal.status === 'open' ? <BallotSection slug={slug} proposal={proposal} onCast={p.reload} /> : null}
        {proposal.vetoes.length > 0 ? (
          <Section id="vetoes" title="Vetoes">
            <ul className="comment-list">
              {proposal.vetoes.map((v) => (
                <li key={`${v.holder}-${v.at}`} className="comment">
                  <p>
                    <strong>{v.holder}</strong> vetoed on {formatDateTime(v.at)}: {v.reason}
                  </p>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        <Comments slug={slug} proposal={proposal} onAdded={p.reload} />
      </div>
    </>
  );
}

function ResultSection({ proposal }: { proposal: Proposal }) {
  const r = proposal.result!;
  const label = (id: string) => proposal.options.find((o) => o.id === id)?.label ?? id;
  return (
    <Card as="section" accent aria-labelledby="result-title" className="stack">
      <h2 id="result-title">Outcome: {OUTCOME_LABELS[r.outcome] ?? r.outcome}</h2>
      <p>
        {r.turnout} of {r.electorate} members took part{r.quorumMet ? ', enough for a decision' : ', not enough for a decision'}.
        {proposal.closedAt ? ` Decided on ${formatDateTime(proposal.closedAt)}.` : ''}
      </p>
      {r.winners && r.winners.length > 0 ? <p>Chosen: {r.winners.map(label).join(', ')}</p> : null}
      <div>
        <h3>Why</h3>
        <ul className="rule-lines">
          {r.reasons.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      </div>
      <div>
        <h3>Counts</h3>
        <dl className="result-counts">
          {Object.entries(r.counts).map(([k, v]) => (
            <div key={k} className="facts-row">
              <dt>{label(k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Card>
  );
}

function BallotSection({ slug, proposal, onCast }: { slug: string; proposal: Proposal; onCast: () => Promise<void> }) {
  const mine = useApi(() => api.call('myBallot', { params: { slug, proposalId: proposal.id } }), `${slug}/${proposal.id}/ballot`);
  let body;
  if (mine.status === 'loading') body = <Loading label="Loading your vote…" />;
  else if (mine.status === 'error') body = <LoadError error={mine.error} what="your vote" onRetry={mine.reload} />;
  else if (!mine.data.inElectorate || !proposal.can.vote) body = <p>You are not among the members who may vote on this proposal (the electorate was fixed when it opened).</p>;
  else
    body = (
      <BallotForm
        slug={slug}
        proposal={proposal}
        mine={mine.data}
        onCast={async () => {
          await Promise.all([mine.reload(), onCast()]);
        }}
      />
    );
  return (
    <Section id="ballot" title="Your vote">
      {body}
    </Section>
  );
}

/** Open (draft), close (ended), veto (holders only; the API refuses anyone else and says why). */
function Actions({ slug, proposal, onChange }: { slug: string; proposal: Proposal; onChange: () => Promise<void> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [vetoing, setVetoing] = useState(false);
  const [reason, setReason] = useState('');
  const params = { slug, proposalId: proposal.id };

  async function run(what: string, action: () => Promise<unknown>) {
    setBusy(what);
    setError(null);
    try {
      await action();
      setVetoing(false);
      await onChange();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function onVeto(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError('A veto needs a reason.');
      return;
    }
    await run('veto', () => api.call('vetoProposal', { params, body: { reason: reason.trim(), holder: proposal.can.veto[0] } }));
  }

  const showVeto = proposal.status === 'open' && proposal.can.veto.length > 0;
  const showClose = proposal.status === 'open' && proposal.can.close;
  if (!(proposal.status === 'draft' && proposal.can.open) && !showVeto && !showClose && !error) return null;
  return (
    <Section id="actions" title="Actions">
      <div className="cluster">
        {proposal.status === 'draft' && proposal.can.open ? (
          <Button busy={busy === 'open'} onClick={() => void run('open', () => api.call('openProposal', { params }))}>
            Open for votes
          </Button>
        ) : null}
        {showClose ? (
          <Button variant="secondary" busy={busy === 'close'} onClick={() => void run('close', () => api.call('closeProposal', { params }))}>
            Close and count
          </Button>
        ) : null}
        {showVeto && !vetoing ? (
          <Button variant="danger" onClick={() => setVetoing(true)}>
            Veto…
          </Button>
        ) : null}
      </div>
      {showClose ? <p className="small muted">The voting period has ended. Steward also counts on its own within seconds.</p> : null}
      {vetoing ? (
        <form className="form stack" aria-label="Veto this proposal" noValidate onSubmit={(e) => void onVeto(e)}>
          <p>You may veto as {proposal.can.veto.join(' or ')}. A vetoed proposal yields nothing, whatever the votes.</p>
          <TextAreaField name="veto-reason" label="Why you veto it" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
          <div className="cluster">
            <Button variant="danger" type="submit" busy={busy === 'veto'}>
              Veto this proposal
            </Button>
            <Button variant="ghost" onClick={() => setVetoing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Section>
  );
}

function Comments({ slug, proposal, onAdded }: { slug: string; proposal: Proposal; onAdded: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return setError('Write something first.');
    setBusy(true);
    setError(null);
    try {
      await api.call('commentOnProposal', { params: { slug, proposalId: proposal.id }, body: { body: text.trim() } });
      setText('');
      await onAdded();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section id="comments" title="Discussion">
      {proposal.comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="comment-list">
          {proposal.comments.map((c) => (
            <li key={c.id} className="comment">
              <p className="small muted">
                {c.mine ? 'You' : c.author}, {formatDateTime(c.createdAt)}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form className="form stack" aria-label="Add a comment" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextAreaField name="comment" label="Your comment" value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={5000} error={error ?? undefined} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={busy}>
            Post comment
          </Button>
        </div>
      </form>
    </Section>
  );
}
