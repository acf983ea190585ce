import { readFile, writeFile } from 'node:fs/promises';
import type { RouteOutput, Routes } from '@steward/contract';
import { PURPOSES, RECIPIENT_CATEGORIES, verifyConsentReceipt, type DecisionInput } from '@steward/core';
import type { RuntimeConfig } from '../config.ts';
import { print } from '../output.ts';
import { confirm } from '../prompt.ts';
import { VerificationError } from '../log-verify/errors.ts';
import { withTarget, type Reach, type Target } from '../target.ts';

type Env = Record<string, string | undefined>;
type Options = RouteOutput<Routes['consentOptions']>;
type Mine = RouteOutput<Routes['myConsent']>;
type Notice = RouteOutput<Routes['consentNotice']>;
type Recorded = RouteOutput<Routes['recordConsent']>;
type Receipt = RouteOutput<Routes['consentReceipt']>;
type Coverage = RouteOutput<Routes['consentCoverage']>;

export type ConsentTarget = Target;

/** The consent use-cases, through a server or on this machine's store; every command is written once against this. */
interface ConsentBackend {
  options(): Promise<Options>;
  mine(): Promise<Mine>;
  notice(decision: DecisionInput): Promise<Notice>;
  record(decision: DecisionInput, noticeDigest: string): Promise<Recorded>;
  receipt(recordId: string): Promise<Receipt>;
  coverage(): Promise<Coverage>;
}

const consentReach: Reach<ConsentBackend> = {
  whoHint: 'Say whose consent: --member EMAIL',
  remote: (client, slug) => {
    const params = { slug };
    return {
      options: () => client.call('consentOptions', { params }),
      mine: () => client.call('myConsent', { params }),
      notice: (decision) => client.call('consentNotice', { params, body: decision as never }),
      record: (decision, noticeDigest) => client.call('recordConsent', { params, body: { ...(decision as object), noticeDigest } as never }),
      receipt: (recordId) => client.call('consentReceipt', { params: { slug, recordId } }),
      coverage: () => client.call('consentCoverage', { params }),
    };
  },
  local: (app, actor, slug) => ({
    options: () => app.consentOptions({ actor, slug }),
    mine: () => app.myConsent({ actor, slug }),
    notice: (decision) => app.consentNoticeFor({ actor, slug, decision }),
    record: (decision, noticeDigest) => app.recordConsent({ actor, slug, decision, noticeDigest, method: 'cli' }),
    receipt: (recordId) => app.consentReceipt({ actor, slug, recordId }),
    coverage: () => app.consentCoverageFor({ actor, slug }),
  }),
};

const withBackend = <T,>(config: RuntimeConfig, flags: ConsentTarget, env: Env, fn: (b: ConsentBackend) => Promise<T>): Promise<T> =>
  withTarget(config, flags, env, consentReach, fn);

const label = (id: string) => PURPOSES.find((p) => p.id === id)?.label ?? id;

/** Who may use what, grouped by purpose: the one-screen answer to "what did I agree to?". */
function describeMine(mine: Mine, options: Options): string {
  const name = new Map(options.datasets.map((d) => [d.id, d.name]));
  const lines: string[] = [];
  const allowed = mine.cells.filter((c) => c.allowed);
  if (allowed.length === 0) lines.push('Nobody may use your data: you have not given consent to anything (consent is opt-in).');
  else {
    lines.push('Who may use your data now:');
    for (const p of PURPOSES) {
      const cells = allowed.filter((c) => c.purpose === p.id);
      if (cells.length === 0) continue;
      const who = RECIPIENT_CATEGORIES.filter((r) => cells.some((c) => c.category === r));
      const what = [...new Set(cells.map((c) => name.get(c.datasetId) ?? c.datasetId))];
      const ends = [...new Set(cells.map((c) => c.expiresAt?.slice(0, 10) ?? 'no end date'))];
      lines.push(`  ${p.label} (${p.id}): ${who.join(', ')} — ${what.join(', ')}; ends ${ends.join(' / ')}`);
    }
  }
  for (const n of mine.named) if (n.allowed) lines.push(`  Named requester ${n.requesterId}: ${label(n.purpose)} on ${name.get(n.datasetId) ?? n.datasetId}`);
  if (mine.dueForReview.length) lines.push('', `Due for review: ${mine.dueForReview.length} decision(s) passed their review date. Look at them again: steward consent set …`);
  lines.push('', `History (${mine.history.length} records, newest first):`);
  for (const r of mine.history.slice(0, 20)) {
    lines.push(`  ${r.recordedAt.slice(0, 16).replace('T', ' ')}  ${r.status.padEnd(9)} ${r.state.padEnd(14)} ${r.scope.purposes.map(label).join(', ')} → ${r.scope.recipients.map((x) => x.requesterId ?? x.category).join(', ')}  [${r.id}]`);
  }
  if (mine.history.length > 20) lines.push(`  … ${mine.history.length - 20} more (use --json)`);
  return lines.join('\n');
}

export async function consentShow(config: RuntimeConfig, flags: ConsentTarget, env: Env): Promise<void> {
  await withBackend(config, flags, env, async (b) => {
    const [mine, options] = await Promise.all([b.mine(), b.options()]);
    print(flags.json ?? false, mine, () => describeMine(mine, options));
  });
}

export interface ConsentSetFlags extends ConsentTarget {
  preset?: string;
  give?: boolean;
  withdraw?: boolean;
  refuse?: boolean;
  dataset?: string[];
  purpose?: string[];
  recipient?: string[];
  requester?: string;
  expires?: string;
  review?: string;
  yes?: boolean;
}

/** A date (2027-01-31) or a time with its zone, as the API wants it. */
function when(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  if (!Number.isNaN(Date.parse(value)) && /[zZ]|[+-]\d{2}:\d{2}$/.test(value)) return value;
  throw new Error(`${flag}: "${value}" is not a date (2027-01-31) or a time with a zone`);
}

/** Turns the flags into one decision: a preset, or one change over datasets × purposes × recipients. */
function decisionFrom(flags: ConsentSetFlags, options: Options): DecisionInput {
  const statuses = [flags.give && 'given', flags.withdraw && 'withdrawn', flags.refuse && 'refused'].filter(Boolean) as Array<'given' | 'withdrawn' | 'refused'>;
  const expiresAt = when(flags.expires, '--expires');
  const reviewAt = when(flags.review, '--review');
  const datasetIds = (flags.dataset ?? []).map((slug) => {
    const d = options.datasets.find((x) => x.slug === slug || x.id === slug);
    if (!d) throw new Error(`--dataset: no dataset "${slug}" here; there are ${options.datasets.map((x) => x.slug).join(', ')}`);
    return d.id;
  });
  if (flags.preset) {
    if (statuses.length) throw new Error('Choose one: --preset, or --give / --withdraw / --refuse with --purpose and --recipient.');
    return { preset: flags.preset, ...(datasetIds.length ? { datasetIds } : {}), ...(expiresAt ? { expiresAt } : {}), ...(reviewAt ? { reviewAt } : {}) };
  }
  if (statuses.length !== 1) throw new Error('Say what to decide: --preset ID, or one of --give, --withdraw, --refuse (see steward consent options).');
  const datasets = (datasetIds.length ? datasetIds : options.datasets.map((d) => d.id)).map((datasetId) => ({ datasetId }));
  const purposes = flags.purpose ?? [];
  const recipients = (flags.recipient ?? []).map((category) => ({ category, ...(flags.requester ? { requesterId: flags.requester } : {}) }));
  return { changes: [{ scope: { datasets, purposes, recipients } as never, status: statuses[0]!, ...(expiresAt ? { expiresAt } : {}), ...(reviewAt ? { reviewAt } : {}) }] };
}

/** `steward consent set`: shows the notice for the decision, then records it on confirmation (or --yes). */
export async function consentSet(config: RuntimeConfig, flags: ConsentSetFlags, env: Env): Promise<void> {
  await withBackend(config, flags, env, async (b) => {
    const decision = decisionFrom(flags, await b.options());
    const notice = await b.notice(decision);
    if (!flags.json) process.stdout.write(notice.text + '\n');
    if (!(await confirm('Record this decision?', flags.yes))) {
      if (!flags.yes && !process.stdin.isTTY) throw new Error('Nothing recorded: read the notice above, then run again with --yes to decide.');
      process.stdout.write('Nothing recorded.\n');
      return;
    }
    const res = await b.record(decision, notice.digest);
    print(flags.json ?? false, { notice, ...res }, () =>
      [`Recorded ${res.records.length} decision(s), log entries ${res.logIndexes.join(', ')}:`, ...res.records.map((r) => `  ${r.status.padEnd(9)} ${r.id}`)].join('\n'),
    );
  });
}

export async function consentOptionsCommand(config: RuntimeConfig, flags: ConsentTarget, env: Env): Promise<void> {
  await withBackend(config, flags, env, async (b) => {
    const o = await b.options();
    print(flags.json ?? false, o, () =>
      [
        'Presets (--preset):',
        ...o.presets.map((p) => `  ${p.id.padEnd(26)} ${p.label}: ${p.explanation}`),
        '',
        'Purposes (--purpose):',
        ...o.purposes.map((p) => `  ${p.id.padEnd(26)} ${p.label}: ${p.explanation}`),
        '',
        'Recipients (--recipient):',
        ...o.recipients.map((r) => `  ${r.category.padEnd(26)} ${r.label}: ${r.explanation}`),
        '',
        'Datasets (--dataset):',
        ...o.datasets.map((d) => `  ${d.slug.padEnd(26)} ${d.name}`),
      ].join('\n'),
    );
  });
}

/** `steward consent receipt ID`: the signed receipt, to a file or standard output. */
export async function consentReceiptCommand(config: RuntimeConfig, recordId: string, flags: ConsentTarget & { out?: string }, env: Env): Promise<void> {
  await withBackend(config, flags, env, async (b) => {
    const receipt = await b.receipt(recordId);
    const text = JSON.stringify(receipt, null, 2) + '\n';
    if (flags.out) {
      await writeFile(flags.out, text, { flag: 'wx' });
      process.stderr.write(`Receipt saved to ${flags.out}\n`);
    } else process.stdout.write(text);
  });
}

/**
 * `steward consent verify FILE`: checks a receipt's signature offline against a verifier key
 * given with --key, or fetched from the server's published log key (--server, --collective).
 */
export async function consentVerify(file: string, flags: { key?: string[]; server?: string; collective?: string; json?: boolean }, env: Env): Promise<void> {
  let receipt: unknown;
  try {
    receipt = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a JSON receipt (${(error as Error).message})`, { cause: error });
  }
  let keys = flags.key ?? [];
  if (keys.length === 0) {
    const server = flags.server ?? env.STEWARD_SERVER;
    if (!server || !flags.collective) throw new Error('Give the verifier key with --key, or --server and --collective to fetch the published one.');
    const res = await fetch(`${server.replace(/\/+$/, '')}/collectives/${encodeURIComponent(flags.collective)}/log/key`);
    if (!res.ok) throw new Error(`Could not fetch the collective’s key: HTTP ${res.status}`);
    keys = (await res.text()).split('\n').filter((l) => l.trim() !== '');
  }
  const result = verifyConsentReceipt(receipt, keys);
  print(flags.json ?? false, result.ok ? { ok: true, identifier: result.record.identifier, status: result.record.status.id } : result, () =>
    result.ok ? `✓ valid receipt ${result.record.identifier}: ${result.record.status.id}, recorded ${result.record.recordedAt}` : `✗ not valid (${result.reason}): ${result.message}`,
  );
  // Exit code 3, as for a log that does not verify, so scripts can tell a bad receipt from a usage error.
  if (!result.ok) throw new VerificationError(`${file}: the receipt does not verify (${result.reason})`);
}

export async function consentCoverageCommand(config: RuntimeConfig, flags: ConsentTarget, env: Env): Promise<void> {
  await withBackend(config, flags, env, async (b) => {
    const [cov, options] = await Promise.all([b.coverage(), b.options().catch(() => null)]);
    const name = new Map((options?.datasets ?? []).map((d) => [d.id, d.slug]));
    print(flags.json ?? false, cov, () => {
      const lines = [`Members: ${cov.members}. How many consent now (never who):`, `  ${'dataset'.padEnd(16)} ${'purpose'.padEnd(26)} ${RECIPIENT_CATEGORIES.map((c) => c.slice(0, 10).padStart(11)).join('')}`];
      const rows = new Map<string, Map<string, number>>();
      for (const c of cov.cells) {
        const key = `${name.get(c.datasetId) ?? c.datasetId}|${c.purpose}`;
        if (!rows.has(key)) rows.set(key, new Map());
        rows.get(key)!.set(c.category, c.members);
      }
      for (const [key, counts] of rows) {
        const [ds, purpose] = key.split('|');
        lines.push(`  ${ds!.padEnd(16)} ${purpose!.padEnd(26)} ${RECIPIENT_CATEGORIES.map((c) => String(counts.get(c) ?? 0).padStart(11)).join('')}`);
      }
      return lines.join('\n');
    });
  });
}
