import { useState } from 'react';
import { formatDate } from '../../lib/format.ts';
import { Badge, Button, Section, type Tone } from '../../ui/index.ts';
import { recordSentence, STATE_LABELS, type ConsentOptions, type ConsentRecord, type ConsentRecordState, type MyConsent } from './model.ts';
import { ReceiptActions } from './ReceiptActions.tsx';

const TONES: Record<ConsentRecordState, Tone> = {
  active: 'success',
  superseded: 'neutral',
  expired: 'neutral',
  due_for_review: 'warning',
  withdrawn: 'info',
  refused: 'info',
};

const FIRST = 10;

function when(r: ConsentRecord): string {
  const parts = [formatDate(r.recordedAt)];
  if (r.status === 'given') {
    if (r.expiresAt) parts.push(`ends ${formatDate(r.expiresAt)}`);
    if (r.reviewAt) parts.push(`reminder ${formatDate(r.reviewAt)}`);
  }
  return parts.join(', ');
}

/** Every decision, newest first, in a sentence, with its state and its signed receipt. */
export function HistorySection({ slug, mine, options, verifierKeys }: { slug: string; mine: MyConsent; options: ConsentOptions; verifierKeys: () => Promise<readonly string[]> }) {
  const [all, setAll] = useState(false);
  const shown = all ? mine.history : mine.history.slice(0, FIRST);
  return (
    <Section id="history" title="Your history" description="Every decision you made, newest first. Nothing is ever changed or deleted: each change is a new record, with a receipt you can keep.">
      {mine.history.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <>
          <ol className="entry-list consent-history" aria-label="Your consent decisions">
            {shown.map((r) => {
              const sentence = recordSentence(r, options);
              return (
                <li key={r.id} className="entry">
                  <div className="entry-head">
                    <p className="entry-sentence">
                      {sentence} <span className="consent-when">— {when(r)}</span>
                    </p>
                    <Badge tone={TONES[r.state]}>{STATE_LABELS[r.state]}</Badge>
                  </div>
                  <ReceiptActions slug={slug} recordId={r.id} seq={r.seq} label={`decision ${r.seq} of ${formatDate(r.recordedAt)}`} verifierKeys={verifierKeys} />
                </li>
              );
            })}
          </ol>
          {mine.history.length > FIRST ? (
            <div>
              <Button variant="secondary" onClick={() => setAll(!all)}>
                {all ? 'Show only the latest' : `Show all ${mine.history.length} decisions`}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}
