import { useEffect, useState } from 'react';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import type { LogOverview } from '../../lib/types.ts';
import { loadVerifier } from '../../lib/verifier.ts';
import type { CheckpointCheck } from '../../lib/verify.ts';
import { Alert, Button, Card, CopyField, CopyText, EmptyState, Section } from '../../ui/index.ts';

type Verdict = { status: 'checking' } | { status: 'done'; check: CheckpointCheck } | { status: 'error' };

/** Checks the checkpoint's signature here, whenever the checkpoint or the keys change. */
function useCheckpointVerdict(overview: LogOverview): Verdict {
  const [verdict, setVerdict] = useState<Verdict>({ status: 'checking' });
  const cp = overview.checkpoint;
  const keys = overview.verifierKeys.join('\n');
  useEffect(() => {
    if (!cp) return;
    let live = true;
    setVerdict({ status: 'checking' });
    loadVerifier().then(
      (v) => live && setVerdict({ status: 'done', check: v.checkCheckpoint(cp, keys.split('\n'), overview.origin) }),
      () => live && setVerdict({ status: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [cp, keys, overview.origin]);
  return verdict;
}

function VerdictBox({ verdict, onRefresh }: { verdict: Verdict; onRefresh: () => Promise<void> }) {
  const [refreshing, setRefreshing] = useState(false);
  const busy = refreshing || verdict.status === 'checking';
  const again = (
    <div>
      <Button
        variant="secondary"
        small
        busy={busy}
        onClick={async () => {
          setRefreshing(true);
          try {
            await onRefresh();
          } finally {
            setRefreshing(false);
          }
        }}
      >
        {busy ? 'Checking…' : 'Check the newest checkpoint'}
      </Button>
    </div>
  );
  if (verdict.status === 'checking') {
    return (
      <div className="verdict">
        {/* Laid out like the result that replaces it, so nothing below moves. */}
        <Alert tone="info" title="Checking in this browser…">
          <p>This page is checking the signature itself, with the verifier key below, to see whether the record has been changed.</p>
          {again}
        </Alert>
      </div>
    );
  }
  if (verdict.status === 'error') {
    return (
      <div className="verdict">
        <Alert tone="warning" title="The check could not run">
          <p>The code that checks signatures did not load. Check your connection and reload the page.</p>
        </Alert>
      </div>
    );
  }
  const { check } = verdict;
  return (
    <div className="verdict">
      {check.ok ? (
        <Alert tone="success" title={<><span aria-hidden="true">✓ </span>Verified in this browser</>}>
          <p>
            This page checked the signature itself, with the verifier key below: the checkpoint was signed by <code className="break-anywhere">{check.facts.signedBy}</code> and has not been altered since.
          </p>
          {again}
        </Alert>
      ) : (
        <Alert tone="error" title={<><span aria-hidden="true">✗ </span>Not verified</>}>
          <p>{check.reason}</p>
          <p className="small mono">{check.detail}</p>
          {again}
        </Alert>
      )}
    </div>
  );
}

/** The latest signed checkpoint: what it says, and whether its signature holds, checked here. */
export function CheckpointSection({ overview, onRefresh }: { overview: LogOverview; onRefresh: () => Promise<void> }) {
  const verdict = useCheckpointVerdict(overview);
  const cp = overview.checkpoint;
  const older = overview.verifierKeys.filter((k) => k !== overview.verifierKey);
  return (
    <Section
      id="checkpoint"
      title="Latest signed checkpoint"
      description="A checkpoint seals the record: one fingerprint of every entry so far, signed with the collective’s key. If anyone changed or removed an entry, the fingerprint would no longer match."
    >
      {cp ? (
        <Card className="checkpoint stack">
          <VerdictBox verdict={verdict} onRefresh={onRefresh} />
          <dl className="facts">
            <dt>Entries</dt>
            <dd>{formatCount(cp.size)}</dd>
            <dt>Signed</dt>
            <dd>{formatDateTime(cp.createdAt)}</dd>
            <dt>Fingerprint</dt>
            <dd>
              <CopyText label="fingerprint (root hash)" value={cp.rootHash} />
            </dd>
            <dt>Log name</dt>
            <dd>
              <code className="break-anywhere">{cp.origin}</code>
            </dd>
          </dl>
          <CopyField
            label="Verifier key"
            value={overview.verifierKey}
            hint="The public half of the collective’s signing key. Compare it with the one your collective shared with you, or give it to anyone who wants to check this record."
          />
          {older.length > 0 ? (
            <details className="disclosure">
              <summary>Earlier keys ({older.length})</summary>
              <ul className="stack-sm">
                {older.map((k) => (
                  <li key={k}>
                    <code className="break-anywhere small">{k}</code>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </Card>
      ) : (
        <EmptyState title="No signed checkpoint yet">
          <p>The first one is signed within a few seconds of the record starting. Reload the page in a moment.</p>
        </EmptyState>
      )}
    </Section>
  );
}
