import { useRef, useState } from 'react';
import { api } from '../../lib/api.ts';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Alert, Loading, PageHeader } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { CoverageSection } from './CoverageSection.tsx';
import { DetailSection } from './DetailSection.tsx';
import { HistorySection } from './HistorySection.tsx';
import { changeSentence, stillOkChanges } from './model.ts';
import { NoticeDialog } from './NoticeDialog.tsx';
import { PresetSection } from './PresetSection.tsx';
import { ReviewBanner } from './ReviewBanner.tsx';
import { SummarySection } from './SummarySection.tsx';
import { useDecision, type Pending } from './useDecision.ts';
import './consent.css';

/**
 * "Your consent": who may use the member's data now, one-tap choices, choices in detail, and every
 * decision with its receipt. Stewards and auditors also see how many members allow each use.
 */
export function ConsentPage({ slug }: { slug: string }) {
  const me = useMe();
  const roles = me.collectives.find((c) => c.slug === slug)?.roles ?? [];
  const isMember = roles.includes('member');
  const seesCoverage = roles.includes('steward') || roles.includes('auditor');
  useTitle('Your consent');
  const back = { to: `/c/${encodeURIComponent(slug)}`, label: 'Back to your collective' };

  if (!isMember && seesCoverage) {
    return (
      <>
        <PageHeader title="Consent" back={back} lede="How many members allow each use of their data. You are not a member here, so you have no consent of your own to set." />
        <CoverageSection slug={slug} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Your consent"
        back={back}
        lede="You decide who may use your data, and what for. You can change your mind at any time; nothing is used without your yes."
      />
      <MemberConsent slug={slug} />
      {seesCoverage ? (
        <div className="consent-coverage">
          <CoverageSection slug={slug} />
        </div>
      ) : null}
    </>
  );
}

function MemberConsent({ slug }: { slug: string }) {
  const options = useApi(() => api.call('consentOptions', { params: { slug } }), slug);
  const mine = useApi(() => api.call('myConsent', { params: { slug } }), slug);
  const [saved, setSaved] = useState<{ id: number; lines: string[] } | null>(null);
  const [detailOpen, setDetailOpen] = useState(false);
  const keys = useRef<Promise<readonly string[]> | null>(null);

  async function recorded(p: Pending) {
    await mine.reload();
    setSaved({ id: Date.now(), lines: p.source === 'review' ? ['Your consent stays as it is, with a new reminder date.'] : p.summary });
  }
  const flow = useDecision(slug, recorded);

  // Fetched once, when the first receipt is checked: every key that has signed this log.
  function verifierKeys(): Promise<readonly string[]> {
    keys.current ??= api.call('logOverview', { params: { slug } }).then(
      (o) => o.verifierKeys,
      (e: unknown) => {
        keys.current = null;
        throw e;
      },
    );
    return keys.current;
  }

  if (options.status === 'loading' || mine.status === 'loading') return <Loading label="Loading your consent…" />;
  if (options.status === 'error') return <LoadError error={options.error} what="your consent choices" onRetry={options.reload} />;
  if (mine.status === 'error') return <LoadError error={mine.error} what="your consent" onRetry={mine.reload} />;

  function stillOk() {
    if (mine.status !== 'ok' || options.status !== 'ok') return;
    const changes = stillOkChanges(mine.data, new Date());
    if (changes.length === 0) return;
    void flow.review('review', { changes }, changes.map((c) => changeSentence(c, options.data)));
  }

  function change() {
    setDetailOpen(true);
    // After the form renders: take the member to it.
    requestAnimationFrame(() => {
      const h = document.getElementById('detail-title');
      h?.focus();
      h?.scrollIntoView({ block: 'start' });
    });
  }

  const reviewProblem = flow.problem?.source === 'review' ? flow.problem : null;
  return (
    <div className="sections consent-page">
      {saved ? (
        <Alert key={saved.id} tone="success" title="Saved. Your new choice applies to every use that starts from now." focus>
          <ul>
            {saved.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <ReviewBanner
        mine={mine.data}
        options={options.data}
        busy={flow.busy === 'review'}
        error={reviewProblem ? [reviewProblem.message, ...Object.values(reviewProblem.fields)].join(' ') : null}
        onStillOk={stillOk}
        onChange={change}
      />
      <SummarySection mine={mine.data} options={options.data} />
      <PresetSection options={options.data} mine={mine.data} flow={flow} />
      <DetailSection options={options.data} mine={mine.data} flow={flow} open={detailOpen} onToggle={setDetailOpen} />
      <HistorySection slug={slug} mine={mine.data} options={options.data} verifierKeys={verifierKeys} />
      <NoticeDialog flow={flow} />
      <p className="visually-hidden" role="status">
        {flow.busy === 'preset' || flow.busy === 'detail' || flow.busy === 'review' ? 'Preparing the notice…' : ''}
      </p>
    </div>
  );
}
