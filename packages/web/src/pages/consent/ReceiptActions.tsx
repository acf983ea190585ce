import { useState } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { Button } from '../../ui/index.ts';
import type { ConsentReceipt } from './model.ts';
import type { ReceiptVerdict } from './receiptCheck.ts';
import { saveJson } from '../../lib/download.ts';

type Check = { status: 'idle' } | { status: 'checking' } | { status: 'done'; verdict: ReceiptVerdict } | { status: 'error'; message: string };

let loadingCheck: Promise<typeof import('./receiptCheck.ts')> | undefined;
/** The verifier chunk, fetched the first time someone checks a receipt. */
function loadCheck() {
  loadingCheck ??= import('./receiptCheck.ts').catch((e: unknown) => {
    loadingCheck = undefined;
    throw e;
  });
  return loadingCheck;
}

/**
 * "Download receipt" saves the signed ISO/IEC TS 27560 receipt of one decision; "Check receipt"
 * verifies it here, against the collective's published log keys, without trusting the server.
 */
export function ReceiptActions({ slug, recordId, seq, label, verifierKeys }: { slug: string; recordId: string; seq: number; label: string; verifierKeys: () => Promise<readonly string[]> }) {
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [download, setDownload] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const fetchReceipt = (): Promise<ConsentReceipt> => api.call('consentReceipt', { params: { slug, recordId } });

  async function save() {
    setDownload({ busy: true, error: null });
    try {
      saveJson(`consent-receipt-${slug}-${seq}.json`, await fetchReceipt());
      setDownload({ busy: false, error: null });
    } catch (e) {
      setDownload({ busy: false, error: errorMessage(e) });
    }
  }

  async function verify() {
    setCheck({ status: 'checking' });
    try {
      const [receipt, keys, v] = await Promise.all([fetchReceipt(), verifierKeys(), loadCheck()]);
      setCheck({ status: 'done', verdict: v.checkConsentReceipt(receipt, keys, recordId) });
    } catch (e) {
      setCheck({ status: 'error', message: errorMessage(e) });
    }
  }

  return (
    <div className="stack-sm">
      <div className="cluster">
        <Button variant="secondary" small busy={download.busy} onClick={save}>
          Download receipt<span className="visually-hidden"> for {label}</span>
        </Button>
        <Button variant="ghost" small busy={check.status === 'checking'} onClick={verify}>
          {check.status === 'checking' ? 'Checking…' : 'Check receipt'}
          <span className="visually-hidden"> for {label}</span>
        </Button>
      </div>
      <div role="status" className="receipt-verdict">
        {check.status === 'done' && check.verdict.ok ? (
          <p className="verdict-ok">
            <span aria-hidden="true">✓ </span>Valid receipt. <span className="small">{check.verdict.detail}</span>
          </p>
        ) : check.status === 'done' && !check.verdict.ok ? (
          <p className="verdict-bad">
            <span aria-hidden="true">✗ </span>Not valid. <span className="small">{check.verdict.reason}</span>
          </p>
        ) : check.status === 'error' ? (
          <p className="verdict-bad">Could not check the receipt: {check.message}</p>
        ) : null}
      </div>
      {download.error ? (
        <p className="field-error" role="alert">
          Could not download the receipt: {download.error}
        </p>
      ) : null}
    </div>
  );
}
