import { VerificationError } from '../log-verify/errors.ts';
import { loadState, saveState } from '../log-verify/state.ts';
import { verifyLog, type VerifyResult } from '../log-verify/verify.ts';
import { print } from '../output.ts';

export interface LogVerifyFlags {
  key?: string;
  json?: boolean;
}

/** Each request may take this long; a log that hangs fails verification rather than the shell. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * `steward log verify URL`: audits a collective's transparency log as an outside witness and
 * remembers the checkpoint, so the next run proves the log only grew (rule T2).
 */
export async function logVerify(url: string, statePath: string, flags: LogVerifyFlags): Promise<void> {
  const json = flags.json ?? false;
  try {
    const state = await loadState(statePath);
    const result = await verifyLog({
      url,
      key: flags.key,
      state,
      fetch: (u) => fetch(u, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { accept: '*/*' } }),
    });
    // Only a log that verified in full moves the witness forward.
    await saveState(statePath, result.state);
    const { state: _saved, ...report } = result;
    print(json, { ok: true, ...report, stateFile: statePath }, () => summary(result, statePath));
  } catch (e) {
    const err = e instanceof VerificationError ? e : new VerificationError(e instanceof Error ? e.message : String(e));
    if (json) process.stdout.write(JSON.stringify({ ok: false, error: err.message }, null, 2) + '\n');
    throw err;
  }
}

function summary(r: VerifyResult, statePath: string): string {
  const keyLine =
    r.key.source === 'first-use'
      ? `${r.key.id} — trusted on first use: it is now pinned; compare it with the collective's published key out of band`
      : r.key.source === 'rotated'
        ? `${r.key.id} — the log rotated to it from the trusted key (log.key_rotated entr${r.key.rotationEntries!.length === 1 ? 'y' : 'ies'} ${r.key.rotationEntries!.join(', ')}); now pinned`
        : `${r.key.id} (${r.key.source === 'flag' ? 'given with --key' : 'pinned'})`;
  const p = r.previous;
  const prevLine = !p
    ? 'none: first checkpoint this witness has seen for this log'
    : p.relation === 'same'
      ? `size ${p.size}: the same checkpoint as before`
      : `size ${p.size}: consistent — its root is the root of the first ${p.size} entries` +
        (p.serverProof === 'verified' ? "; the server's consistency proof verifies too" : p.serverProof === 'not-a-steward-server' ? ' (no Steward API to ask for a consistency proof)' : '');
  return [
    `Verified the transparency log ${r.origin}`,
    `  key:       ${keyLine}`,
    `  size:      ${r.size} entries, all checked (${r.checked.hashTiles} hash tiles, ${r.checked.entryBundles} entry bundles)`,
    `  root:      ${r.root}`,
    `  previous:  ${prevLine}`,
    `  state:     ${statePath}`,
  ].join('\n');
}
