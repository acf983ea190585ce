import type { Actor, App } from '@steward/app';
import type { Client } from '@steward/contract';
import type { RuntimeConfig } from './config.ts';
import { openRuntime } from './runtime.ts';
import { remoteClient } from './commands/whoami.ts';

type Env = Record<string, string | undefined>;

/** Where a member's command acts: a server with a token (as its owner), or this machine's store as --member. */
export interface Target {
  collective: string;
  member?: string;
  server?: string;
  token?: string;
  data?: string;
  json?: boolean;
}

/**
 * One set of use-cases, reached either through a server's API with a personal token or on this
 * machine's store as the account named by --member (whoever runs the server's own CLI controls its
 * data folder, so acting as a member there grants nothing they lack). Commands are written once
 * against the backend `B` the two functions build.
 */
export interface Reach<B> {
  remote(client: Client, slug: string): B;
  local(app: App, actor: Actor, slug: string): B;
  /** The error when neither --member nor a server is given, e.g. "Say whose consent: --member EMAIL". */
  whoHint: string;
}

/** Builds the backend the flags name, runs `fn` on it, and closes the local store afterwards. */
export async function withTarget<B, T>(config: RuntimeConfig, flags: Target, env: Env, reach: Reach<B>, fn: (backend: B) => Promise<T>): Promise<T> {
  const slug = flags.collective;
  const server = flags.server ?? (flags.data ? undefined : env.STEWARD_SERVER);
  if (flags.server && flags.data) throw new Error('Choose one: --server (through the API) or --data (this machine’s store).');
  if (server) {
    if (flags.member) throw new Error('--member works only with the local store (--data or DATABASE_URL): through a server, a token acts as its owner.');
    return fn(reach.remote(remoteClient({ ...flags, server }, env), slug));
  }
  if (!flags.member) throw new Error(`${reach.whoHint} (or ask a server with --server and a token).`);
  const runtime = await openRuntime(config);
  try {
    const actor = await runtime.app.localActor({ email: flags.member, field: '--member' });
    return await fn(reach.local(runtime.app, actor, slug));
  } finally {
    await runtime.close();
  }
}
