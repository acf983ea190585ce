import { useState } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { receiptFile } from '../../lib/transparency.ts';
import type { LogEntry } from '../../lib/types.ts';
import { loadVerifier } from '../../lib/verifier.ts';
import type { ReceiptCheck, StepStatus } from '../../lib/verify.ts';
import { Alert, Button } from '../../ui/index.ts';
import { saveFile } from '../../lib/download.ts';

type State = { status: 'idle' } | { status: 'checking' } | { status: 'done'; check: ReceiptCheck } | { status: 'error'; message: string };

const ICONS: Record<StepStatus, string> = { pass: '✓', fail: '✗', skip: '–' };
const WORDS: Record<StepStatus, string> = { pass: 'Passed', fail: 'Failed', skip: 'Not checked' };

/**
 * "Verify" fetches the entry's receipt and checks it here with verifyReceipt, against the
 * verifier keys the page loaded; "Download receipt" saves it to keep or give to someone else.
 */
export function ReceiptActions({ slug, entry, verifierKeys }: { slug: string; entry: LogEntry; verifierKeys: readonly string[] }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [download, setDownload] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const label = `entry #${entry.index}`;

  async function verify() {
    setState({ status: 'checking' });
    try {
      const [receipt, v] = await Promise.all([api.call('receipt', { params: { slug, index: entry.index } }), loadVerifier()]);
      setState({ status: 'done', check: v.checkReceipt(receipt, verifierKeys, entry) });
    } catch (e) {
      setState({ status: 'error', message: errorMessage(e) });
    }
  }

  async function save() {
    setDownload({ busy: true, error: null });
    try {
      const file = receiptFile(await api.call('receipt', { params: { slug, index: entry.index } }), slug);
      saveFile(file.name, file.text);
      setDownload({ busy: false, error: null });
    } catch (e) {
      setDownload({ busy: false, error: errorMessage(e) });
    }
  }

  return (
    <div className="receipt stack-sm">
      <div className="cluster">
        <Button variant="secondary" small busy={state.status === 'checking'} onClick={verify}>
          {state.status === 'checking' ? 'Verifying…' : 'Verify'}
          <span className="visually-hidden"> {label}</span>
        </Button>
        <Button variant="ghost" small busy={download.busy} onClick={save}>
          Download receipt<span className="visually-hidden"> for {label}</span>
        </Button>
      </div>
      {download.error ? (
        <p className="field-error" role="alert">
          Could not download the receipt: {download.error}
        </p>
      ) : null}
      {state.status === 'error' ? (
        <Alert tone="error" title="Could not verify">
          <p>{state.message}</p>
        </Alert>
      ) : state.status === 'done' ? (
        <Alert
          tone={state.check.ok ? 'success' : 'error'}
          title={
            state.check.ok ? (
              <>
                <span aria-hidden="true">✓ </span>Verified in this browser
              </>
            ) : (
              <>
                <span aria-hidden="true">✗ </span>Not verified: this receipt does not check out
              </>
            )
          }
        >
          <ul className="checks" aria-label={`What was checked for ${label}`}>
            {state.check.steps.map((s) => (
              <li key={s.id} className={`check check-${s.status}`}>
                <span className="check-icon" aria-hidden="true">
                  {ICONS[s.status]}
                </span>
                <span>
                  <span className="visually-hidden">{WORDS[s.status]}: </span>
                  <strong>{s.label}</strong>
                  <span className="check-detail">{s.detail}</span>
                </span>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
