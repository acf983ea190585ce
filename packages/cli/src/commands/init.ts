import type { RuntimeConfig } from '../config.ts';
import { print } from '../output.ts';
import { readPassword } from '../password.ts';
import { openRuntime } from '../runtime.ts';

export interface InitFlags {
  slug: string;
  name: string;
  kind: string;
  description?: string;
  email: string;
  displayName?: string;
  canonicalDatasets?: boolean;
  json?: boolean;
}

/** `steward init`: a collective and its first steward. */
export async function init(config: RuntimeConfig, flags: InitFlags): Promise<void> {
  const runtime = await openRuntime(config);
  try {
    const existing = await runtime.app.deps.store.read.users.byEmail(flags.email.trim().toLowerCase());
    const password = existing ? undefined : await readPassword(`Password for ${flags.email}`);
    const result = await runtime.app.initCollective({
      slug: flags.slug,
      name: flags.name,
      kind: flags.kind,
      description: flags.description,
      steward: { email: flags.email, displayName: flags.displayName, password: password?.value },
      canonicalDatasets: flags.canonicalDatasets !== false,
    });
    print(flags.json ?? false, { ...result, generatedPassword: password?.generated ? password.value : undefined }, () =>
      [
        `Created the collective "${result.collective.name}" (${result.collective.slug}).`,
        result.createdAccount
          ? `Its first steward is ${result.stewardEmail}${password?.generated ? ` with the password ${password.value} (shown once; change it after signing in)` : ''}.`
          : `Its first steward is the existing account ${result.stewardEmail}.`,
        result.datasets.length ? `Datasets: ${result.datasets.join(', ')}.` : 'No datasets yet.',
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}
