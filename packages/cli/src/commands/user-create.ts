import type { RuntimeConfig } from '../config.ts';
import { print } from '../output.ts';
import { readPassword } from '../password.ts';
import { openRuntime } from '../runtime.ts';

/** `steward user create`: an account, made by whoever runs the server. */
export async function userCreate(config: RuntimeConfig, flags: { email: string; displayName?: string; json?: boolean }): Promise<void> {
  const runtime = await openRuntime(config);
  try {
    const password = await readPassword(`Password for ${flags.email}`);
    const user = await runtime.app.createUserAccount({ email: flags.email, displayName: flags.displayName, password: password.value });
    print(flags.json ?? false, { user, generatedPassword: password.generated ? password.value : undefined }, () =>
      `Created the account ${user.email}${password.generated ? ` with the password ${password.value} (shown once)` : ''}.`,
    );
  } finally {
    await runtime.close();
  }
}
