import { readFile } from 'node:fs/promises';
import type { RouteOutput, Routes } from '@steward/contract';
import type { BallotChoice, VotingMethod } from '@steward/core';
import type { RuntimeConfig } from '../config.ts';
import { VerificationError } from '../log-verify/errors.ts';
import { print } from '../output.ts';
import { withTarget, type Reach, type Target } from '../target.ts';

type Env = Record<string, string | undefined>;
type CharterView = RouteOutput<Routes['getCharter']>;
type Versions = RouteOutput<Routes['charterVersions']>;
type ProposalPage = RouteOutput<Routes['listProposals']>;
type Detail = RouteOutput<Routes['getProposal']>;
type Receipt = RouteOutput<Routes['castBallot']>;
type Delegations = RouteOutput<Routes['myDelegations']>;
type Delegation = RouteOutput<Routes['setDelegation']>;
type Verification = RouteOutput<Routes['verifyGovernance']>;
type NewProposal = { kind: string; title: string; body?: string; options?: Array<{ id: string; label: string }>; payload?: Record<string, unknown> };

/** The governance use-cases, through a server or on this machine's store (see target.ts). */
interface GovernanceBackend {
  charter(): Promise<CharterView>;
  versions(): Promise<Versions>;
  proposals(status?: string): Promise<ProposalPage>;
  proposal(id: string): Promise<Detail>;
  create(p: NewProposal): Promise<Detail>;
  open(id: string): Promise<Detail>;
  vote(id: string, choice: BallotChoice): Promise<Receipt>;
  close(id: string): Promise<Detail>;
  delegations(): Promise<Delegations>;
  delegate(topic: string, email: string): Promise<Delegation>;
  revoke(topic: string): Promise<void>;
  verify(): Promise<Verification>;
}

const reach: Reach<GovernanceBackend> = {
  whoHint: 'Say who you act as: --member EMAIL',
  remote: (client, slug) => {
    const params = { slug };
    const at = (proposalId: string) => ({ slug, proposalId });
    return {
      charter: () => client.call('getCharter', { params }),
      versions: () => client.call('charterVersions', { params }),
      proposals: (status) => client.call('listProposals', { params, query: { limit: 200, ...(status ? { status } : {}) } }),
      proposal: (id) => client.call('getProposal', { params: at(id) }),
      create: (p) => client.call('createProposal', { params, body: p as never }),
      open: (id) => client.call('openProposal', { params: at(id) }),
      vote: (id, choice) => client.call('castBallot', { params: at(id), body: { choice: choice as never } }),
      close: (id) => client.call('closeProposal', { params: at(id) }),
      delegations: () => client.call('myDelegations', { params }),
      delegate: (topic, email) => client.call('setDelegation', { params: { slug, topic: topic as never }, body: { delegateEmail: email } }),
      revoke: (topic) => client.call('revokeDelegation', { params: { slug, topic: topic as never } }),
      verify: () => client.call('verifyGovernance', { params }),
    };
  },
  local: (app, actor, slug) => ({
    charter: () => app.getCharter({ actor, slug }),
    versions: () => app.charterVersions({ actor, slug }),
    proposals: (status) => app.listProposals({ actor, slug, status, limit: 200 }),
    proposal: (proposalId) => app.getProposal({ actor, slug, proposalId }),
    create: (proposal) => app.createProposal({ actor, slug, proposal }),
    open: (proposalId) => app.openProposal({ actor, slug, proposalId }),
    vote: (proposalId, choice) => app.castBallot({ actor, slug, proposalId, choice }),
    close: (proposalId) => app.closeProposal({ actor, slug, proposalId }),
    delegations: () => app.myDelegations({ actor, slug }),
    delegate: (topic, delegateEmail) => app.setDelegation({ actor, slug, topic, delegateEmail }),
    revoke: (topic) => app.revokeDelegation({ actor, slug, topic }),
    verify: () => app.recomputeTallies({ actor, slug }),
  }),
};

const run = <T,>(config: RuntimeConfig, flags: Target, env: Env, fn: (b: GovernanceBackend) => Promise<T>) => withTarget(config, flags, env, reach, fn);

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/** `steward governance charter`: the charter in force in plain language, or every version with its changes. */
export async function governanceCharter(config: RuntimeConfig, flags: Target & { versions?: boolean }, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    if (flags.versions) {
      const v = await b.versions();
      print(flags.json ?? false, v, () =>
        v.items
          .flatMap((x) => [
            `Version ${x.version}, adopted ${day(x.adoptedAt)}${x.proposalId ? ` by proposal ${x.proposalId}` : ' at creation'} (sha256 ${x.digest.slice(0, 16)}…)`,
            ...x.changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before) ?? '(added)'} → ${JSON.stringify(c.after) ?? '(removed)'}`),
          ])
          .join('\n'),
      );
      return;
    }
    const c = await b.charter();
    print(flags.json ?? false, c, () => [`${c.charter.title} — version ${c.version}, adopted ${day(c.adoptedAt)}`, '', c.charter.preamble, '', ...c.description.map((l) => `• ${l}`)].join('\n'));
  });
}

function detailText(p: Detail): string {
  const lines = [`${p.title}  [${p.id}]`, `${p.kind}, ${p.status}${p.closesAt ? `, voting until ${day(p.closesAt)}` : ''}; by ${p.author}`];
  if (p.rule) lines.push(`Vote: ${p.rule.method}; ${p.ballotsCast} of ${p.electorate} members have voted`);
  if (p.options.length) lines.push(`Options: ${p.options.map((o) => `${o.id} (${o.label})`).join(', ')}`);
  if (p.body) lines.push('', p.body);
  if (p.changes?.length) lines.push('', 'Changes to the charter:', ...p.changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before) ?? '(added)'} → ${JSON.stringify(c.after) ?? '(removed)'}`));
  if (p.evaluation) lines.push('', `The charter says: ${p.evaluation.reason}`);
  for (const v of p.vetoes) lines.push(`Vetoed by ${v.holder}: ${v.reason}`);
  if (p.result) lines.push('', `Result: ${p.status}`, ...p.result.reasons.map((r) => `  ${r}`));
  return lines.join('\n');
}

/** `steward governance proposals [ID]`: the list, or one proposal in full. */
export async function governanceProposals(config: RuntimeConfig, id: string | undefined, flags: Target & { status?: string }, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    if (id) {
      const p = await b.proposal(id);
      print(flags.json ?? false, p, () => detailText(p));
      return;
    }
    const page = await b.proposals(flags.status);
    print(flags.json ?? false, page, () =>
      page.items.length === 0 ? 'No proposals.' : page.items.map((p) => `${p.status.padEnd(9)} ${p.kind.padEnd(20)} ${day(p.closesAt).padEnd(16)} ${p.title}  [${p.id}]`).join('\n'),
    );
  });
}

async function readJson(file: string, flag: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${flag}: ${file} is not a JSON file (${(error as Error).message})`, { cause: error });
  }
}

export interface ProposeFlags extends Target {
  kind: string;
  title: string;
  body?: string;
  option?: string[];
  charter?: string;
  terms?: string;
  payload?: string;
  open?: boolean;
}

/** `steward governance propose`: drafts a proposal (an amendment from a charter file, a request from its terms), and opens it with --open. */
export async function governancePropose(config: RuntimeConfig, flags: ProposeFlags, env: Env): Promise<void> {
  const options = (flags.option ?? []).map((o) => {
    const eq = o.indexOf('=');
    if (eq < 1) throw new Error(`--option: "${o}" is not ID=LABEL, e.g. hall="The union hall"`);
    return { id: o.slice(0, eq), label: o.slice(eq + 1) };
  });
  let payload: Record<string, unknown> | undefined;
  if (flags.charter) payload = { charter: await readJson(flags.charter, '--charter') };
  else if (flags.terms) payload = { terms: await readJson(flags.terms, '--terms') };
  else if (flags.payload) payload = await readJson(flags.payload, '--payload');
  await run(config, flags, env, async (b) => {
    let p = await b.create({ kind: flags.kind, title: flags.title, ...(flags.body ? { body: flags.body } : {}), ...(options.length ? { options } : {}), ...(payload ? { payload } : {}) });
    if (flags.open) p = await b.open(p.id);
    print(flags.json ?? false, p, () => detailText(p));
  });
}

export async function governanceOpen(config: RuntimeConfig, id: string, flags: Target, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    const p = await b.open(id);
    print(flags.json ?? false, p, () => detailText(p));
  });
}

export async function governanceClose(config: RuntimeConfig, id: string, flags: Target, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    const p = await b.close(id);
    print(flags.json ?? false, p, () => detailText(p));
  });
}

/**
 * A ballot from words, by the vote's method: `yes` / `no` / `abstain`; `consent` / `abstain` /
 * `object` (with --reason); quadratic `hall=3,online=-2` (or `3` for a single question); ranked
 * `hall>park=online` (`>` between ranks, `=` for a tie).
 */
export function parseChoice(method: VotingMethod, text: string, reason?: string): BallotChoice {
  const t = text.trim();
  switch (method) {
    case 'majority':
    case 'supermajority':
      if (t !== 'yes' && t !== 'no' && t !== 'abstain') throw new Error(`This vote is by ${method}: say yes, no or abstain.`);
      return { method, vote: t };
    case 'consent':
      if (t !== 'consent' && t !== 'object' && t !== 'abstain') throw new Error('This vote is by consent: say consent, abstain, or object with --reason.');
      return t === 'object' ? { method, vote: t, reason: reason ?? '' } : { method, vote: t };
    case 'quadratic': {
      if (/^-?\d+$/.test(t)) return { method, votes: { yes: Number(t) } };
      const votes: Record<string, number> = {};
      for (const part of t.split(',')) {
        const m = /^\s*([^=\s]+)\s*=\s*(-?\d+)\s*$/.exec(part);
        if (!m) throw new Error(`This is a quadratic vote: give votes per option, e.g. hall=3,online=-2 ("${part}" is not one).`);
        votes[m[1]!] = Number(m[2]);
      }
      return { method, votes };
    }
    case 'schulze':
      return { method, ranking: t.split('>').map((g) => g.split('=').map((id) => id.trim()).filter(Boolean)) };
  }
}

/** `steward governance vote ID CHOICE`: casts or changes the ballot (the method is the proposal's). */
export async function governanceVote(config: RuntimeConfig, id: string, choiceText: string, flags: Target & { reason?: string }, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    const p = await b.proposal(id);
    if (!p.rule) throw new Error(`This proposal is ${p.status}; it is not open for voting.`);
    const receipt = await b.vote(id, parseChoice(p.rule.method, choiceText, flags.reason));
    print(flags.json ?? false, receipt, () => `Ballot recorded at ${day(receipt.castAt)} (log entry ${receipt.logIndex}, your pseudonym on this proposal ${receipt.pseudonym}). You can change it until ${day(p.closesAt)}.`);
  });
}

/** `steward governance delegate`: lists, sets (--topic T --to EMAIL) or revokes (--topic T --revoke) delegations. */
export async function governanceDelegate(config: RuntimeConfig, flags: Target & { topic?: string; to?: string; revoke?: boolean }, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    if (flags.to || flags.revoke) {
      if (!flags.topic) throw new Error('Say which topic: --topic access_request|charter_amendment|revenue_distribution|motion, or --topic "*" for all.');
      if (flags.to && flags.revoke) throw new Error('Choose one: --to EMAIL or --revoke.');
      if (flags.revoke) {
        await b.revoke(flags.topic);
        print(flags.json ?? false, { revoked: flags.topic }, () => `You vote for yourself on ${flags.topic} again.`);
      } else {
        const d = await b.delegate(flags.topic, flags.to!);
        print(flags.json ?? false, d, () => `${d.delegate} now votes for you on ${d.topic} unless you vote yourself.`);
      }
      return;
    }
    const d = await b.delegations();
    print(flags.json ?? false, d, () => {
      if (!d.allowed) return 'The charter does not allow delegation: every member votes for themself.';
      const live = d.items.filter((x) => !x.revokedAt);
      return [
        live.length ? live.map((x) => `${x.topic.padEnd(22)} → ${x.delegate} (since ${day(x.createdAt)})`).join('\n') : 'You delegate nothing: you vote for yourself on everything.',
        ...d.incoming.map((x) => `${x.members} member(s) delegate ${x.topic} to you.`),
      ].join('\n');
    });
  });
}

/**
 * `steward governance verify`: every decided proposal's tally recomputed from the transparency
 * log alone and compared with the stored result. Exit code 3 on any mismatch, as for a log that
 * does not verify.
 */
export async function governanceVerify(config: RuntimeConfig, flags: Target, env: Env): Promise<void> {
  await run(config, flags, env, async (b) => {
    const v = await b.verify();
    print(flags.json ?? false, v, () =>
      [
        `${v.collective}: ${v.checked} decided proposal(s) recounted from the log.`,
        ...v.proposals.map((p) =>
          [
            `${p.match ? '✓' : '✗'} ${p.status.padEnd(8)} ${p.match ? '=' : '≠'} ${(p.recomputed ?? 'unreadable').padEnd(8)} turnout ${p.turnout ?? '?'}/${p.electorate ?? '?'}  ${p.title}  [${p.id}]`,
            ...p.problems.map((x) => `    ${x}`),
          ].join('\n'),
        ),
      ].join('\n'),
    );
    if (v.mismatches > 0) throw new VerificationError(`${v.mismatches} of ${v.checked} tallies do not match the log (rule G3)`);
  });
}
