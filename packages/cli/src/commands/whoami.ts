import { createClient } from '@steward/contract';
import { print } from '../output.ts';

export interface RemoteFlags {
  server?: string;
  token?: string;
  json?: boolean;
}

/** The server and token to talk to, from flags or STEWARD_SERVER / STEWARD_TOKEN. */
export function remoteClient(flags: RemoteFlags, env: Record<string, string | undefined>) {
  const server = flags.server ?? env.STEWARD_SERVER;
  const token = flags.token ?? env.STEWARD_TOKEN;
  if (!server) throw new Error('Say which server: --server URL or STEWARD_SERVER.');
  if (!token) throw new Error('Give a personal API token (create one on your account page): STEWARD_TOKEN or --token.');
  return createClient({ baseUrl: server.replace(/\/+$/, ''), token });
}

/** `steward whoami`: who a token belongs to and their collectives, through the API. */
export async function whoami(flags: RemoteFlags): Promise<void> {
  const me = await remoteClient(flags, process.env).call('me');
  print(flags.json ?? false, me, () =>
    [
      `${me.user.displayName} <${me.user.email}>`,
      ...(me.collectives.length
        ? me.collectives.map((c) => `  ${c.slug.padEnd(20)} ${c.name} (${c.roles.join(', ')})`)
        : ['  (no collectives yet)']),
    ].join('\n'),
  );
}
