import { useRef, useState } from 'react';
import { api, ApiError, errorMessage } from '../../lib/api.ts';
import { errorPlace, type Decision, type ErrorPlace } from './model.ts';

/** Which part of the page started a decision, so its errors show next to it. */
export type DecisionSource = 'preset' | 'detail' | 'review';

export interface Pending {
  source: DecisionSource;
  decision: Decision;
  /** What the member chose, in a sentence or two, shown above the notice. */
  summary: string[];
  notice: { text: string; digest: string };
  /** The notice changed while it was open: the member is shown the new one before confirming. */
  renewed: boolean;
}

/** An API error, split by where it belongs on the page. */
export interface DecisionProblem {
  source: DecisionSource;
  /** Changes with every new problem, so its alert takes focus again. */
  id: number;
  message: string;
  fields: Partial<Record<ErrorPlace, string>>;
}

let problems = 0;

function toDecisionProblem(source: DecisionSource, e: unknown): DecisionProblem {
  const fields: DecisionProblem['fields'] = {};
  if (e instanceof ApiError) {
    for (const err of e.errors) {
      const place = errorPlace(err.field);
      fields[place] ??= err.message;
    }
  }
  const named = Object.keys(fields).filter((k) => k !== 'other').length > 0;
  const message = e instanceof ApiError && e.code === 'validation_failed' ? (named ? 'Please check the choices marked below.' : 'Steward could not accept this choice.') : errorMessage(e);
  return { source, id: ++problems, message, fields };
}

const digestProblem = (e: unknown) => e instanceof ApiError && e.errors.some((x) => x.field.replace(/^body[./]/, '') === 'noticeDigest');

/**
 * A consent decision in two steps, as the rules ask: the notice for it is fetched and shown, and
 * only on Confirm is the same decision recorded with that notice's digest (the server rebuilds
 * the notice and refuses a digest that does not match: the record proves what was shown).
 */
export function useDecision(slug: string, onRecorded: (pending: Pending) => Promise<void>) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState<DecisionSource | 'confirm' | null>(null);
  const [problem, setProblem] = useState<DecisionProblem | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const running = useRef(false);

  async function review(source: DecisionSource, decision: Decision, summary: string[]): Promise<void> {
    if (running.current) return;
    running.current = true;
    setBusy(source);
    setProblem(null);
    try {
      const notice = await api.call('consentNotice', { params: { slug }, body: decision });
      setConfirmError(null);
      setPending({ source, decision, summary, notice: { text: notice.text, digest: notice.digest }, renewed: false });
    } catch (e) {
      setProblem(toDecisionProblem(source, e));
    } finally {
      running.current = false;
      setBusy(null);
    }
  }

  async function confirm(): Promise<void> {
    if (!pending || running.current) return;
    running.current = true;
    setBusy('confirm');
    setConfirmError(null);
    try {
      await api.call('recordConsent', { params: { slug }, body: { ...pending.decision, noticeDigest: pending.notice.digest } });
      setPending(null);
      await onRecorded(pending);
    } catch (e) {
      if (digestProblem(e)) {
        // What the member read is no longer what this decision means (the collective renamed a
        // dataset, a date passed): show the new notice and let them read it before confirming.
        try {
          const notice = await api.call('consentNotice', { params: { slug }, body: pending.decision });
          setPending({ ...pending, notice: { text: notice.text, digest: notice.digest }, renewed: true });
        } catch (again) {
          setPending(null);
          setProblem(toDecisionProblem(pending.source, again));
        }
      } else if (e instanceof ApiError && e.code === 'validation_failed') {
        // A choice that was fine a moment ago is not any more (a date now past): back to the form.
        setPending(null);
        setProblem(toDecisionProblem(pending.source, e));
      } else {
        setConfirmError(errorMessage(e));
      }
    } finally {
      running.current = false;
      setBusy(null);
    }
  }

  function cancel(): void {
    if (busy === 'confirm') return;
    setPending(null);
    setConfirmError(null);
  }

  return { pending, busy, problem, confirmError, review, confirm, cancel, clearProblem: () => setProblem(null) };
}

export type DecisionFlow = ReturnType<typeof useDecision>;
