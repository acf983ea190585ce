import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Alert, Button, TextAreaField } from '../../ui/index.ts';
import { maxQuadraticVotes, move, quadraticCost, type BallotChoice, type MyBallot, type Proposal } from './model.ts';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'abstain', label: 'Abstain' },
] as const;
const CONSENT = [
  { value: 'consent', label: 'I consent' },
  { value: 'object', label: 'I object' },
  { value: 'abstain', label: 'Abstain' },
] as const;

/** The ballot, with a control suited to the method; it can be changed until the close. */
export function BallotForm({ slug, proposal, mine, onCast }: { slug: string; proposal: Proposal; mine: MyBallot; onCast: () => Promise<void> }) {
  const rule = proposal.rule!;
  const current = mine.ballot?.choice;
  const [vote, setVote] = useState<string>(current && 'vote' in current ? current.vote : '');
  const [reason, setReason] = useState(current?.method === 'consent' ? (current.reason ?? '') : '');
  const [votes, setVotes] = useState<Record<string, number>>(current?.method === 'quadratic' ? current.votes : Object.fromEntries(proposal.options.map((o) => [o.id, 0])));
  const [ranking, setRanking] = useState<string[]>(current?.method === 'schulze' ? current.ranking.flat() : proposal.options.map((o) => o.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const credits = rule.voiceCredits ?? 0;
  const cost = quadraticCost(votes);
  const label = (id: string) => proposal.options.find((o) => o.id === id)?.label ?? id;

  function choice(): BallotChoice | string {
    switch (rule.method) {
      case 'majority':
      case 'supermajority':
        if (!vote) return 'Choose yes, no or abstain.';
        return { method: rule.method, vote: vote as 'yes' | 'no' | 'abstain' };
      case 'consent':
        if (!vote) return 'Choose whether you consent, object or abstain.';
        if (vote === 'object' && !reason.trim()) return 'An objection needs a reason: say what harm you see.';
        return { method: 'consent', vote: vote as 'consent' | 'object' | 'abstain', reason: vote === 'object' ? reason.trim() : undefined };
      case 'quadratic':
        if (cost > credits) return `Your votes cost ${cost} voice credits; you have ${credits}.`;
        return { method: 'quadratic', votes };
      case 'schulze':
        return { method: 'schulze', ranking: ranking.map((id) => [id]) };
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const c = choice();
    if (typeof c === 'string') {
      setError(c);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.call('castBallot', { params: { slug, proposalId: proposal.id }, body: { choice: c } });
      setSaved(Date.now());
      await onCast();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const radios = (items: ReadonlyArray<{ value: string; label: string }>) => (
    <div className="vote-choices">
      {items.map((i) => (
        <label key={i.value} className="choice">
          <input type="radio" name="vote" value={i.value} checked={vote === i.value} onChange={() => setVote(i.value)} />
          <span className="choice-text">
            <span className="choice-label">{i.label}</span>
          </span>
        </label>
      ))}
    </div>
  );

  return (
    <form className="form stack" aria-label="Your vote" noValidate onSubmit={(e) => void onSubmit(e)}>
      {mine.ballot ? (
        <p>
          You voted on {formatDateTime(mine.ballot.castAt)}
          {mine.ballot.changes > 0 ? ` (changed ${mine.ballot.changes} ${mine.ballot.changes === 1 ? 'time' : 'times'})` : ''}. You can change your vote until the vote closes.
        </p>
      ) : (
        <p>You have not voted yet. You can change your vote until the vote closes.</p>
      )}
      <fieldset className="ballot-fieldset">
        <legend>{rule.method === 'schulze' ? 'Rank the options, most preferred first' : rule.method === 'quadratic' ? `Spread your ${credits} voice credits` : 'Your vote'}</legend>
        {rule.method === 'majority' || rule.method === 'supermajority' ? radios(YES_NO) : null}
        {rule.method === 'consent' ? (
          <>
            {radios(CONSENT)}
            {vote === 'object' ? (
              <TextAreaField name="reason" label="Your reason (required to object)" hint="Stewards and members read it; it is never written to the public log." value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
            ) : null}
          </>
        ) : null}
        {rule.method === 'quadratic' ? (
          <>
            {proposal.options.map((o) => {
              const max = maxQuadraticVotes(credits);
              const v = votes[o.id] ?? 0;
              return (
                <div key={o.id} className="qv-row">
                  <label htmlFor={`qv-${o.id}`} className="field-label">
                    {o.label}: {v > 0 ? `${v} for` : v < 0 ? `${-v} against` : 'no votes'} (costs {v * v})
                  </label>
                  <input id={`qv-${o.id}`} type="range" min={-max} max={max} step={1} value={v} onChange={(e) => setVotes({ ...votes, [o.id]: Number(e.target.value) })} />
                </div>
              );
            })}
            <p className={cost > credits ? 'qv-cost qv-over' : 'qv-cost'} role="status">
              {cost} of {credits} voice credits used{cost > credits ? ': too many, lower some votes' : ''}.
            </p>
          </>
        ) : null}
        {rule.method === 'schulze' ? (
          <ol className="rank-list">
            {ranking.map((id, i) => (
              <li key={id} className="rank-item">
                <span className="rank-number">{i + 1}.</span>
                <span className="rank-label">{label(id)}</span>
                <span className="rank-buttons">
                  <Button variant="secondary" small aria-label={`Move ${label(id)} up`} disabled={i === 0} onClick={() => setRanking(move(ranking, i, -1))}>
                    ↑
                  </Button>
                  <Button variant="secondary" small aria-label={`Move ${label(id)} down`} disabled={i === ranking.length - 1} onClick={() => setRanking(move(ranking, i, 1))}>
                    ↓
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        ) : null}
      </fieldset>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <Alert key={saved} tone="success" title="Your vote is recorded." focus>
          <p>It is in the public log under your pseudonym for this vote{mine.pseudonym ? ` (${mine.pseudonym})` : ''}.</p>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" busy={busy}>
          {busy ? 'Saving…' : mine.ballot ? 'Change my vote' : 'Cast my vote'}
        </Button>
      </div>
    </form>
  );
}
