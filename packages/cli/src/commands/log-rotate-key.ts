import type { RuntimeConfig } from '../config.ts';
import { print } from '../output.ts';
import { openRuntime } from '../runtime.ts';

/** `steward log rotate-key`: a new signing key for a collective's log, itself logged. */
export async function logRotateKey(config: RuntimeConfig, flags: { collective: string; json?: boolean }): Promise<void> {
  const runtime = await openRuntime(config);
  try {
    const result = await runtime.app.rotateLogKey({ slug: flags.collective });
    print(flags.json ?? false, result, () =>
      [
        `The log of "${flags.collective}" has a new signing key:`,
        `  ${result.verifierKey}`,
        `It replaces ${result.previousVerifierKey}.`,
        'The rotation is entry log.key_rotated in the log, and both keys signed the checkpoint that holds it.',
        'Publish the new verifier key wherever you published the old one.',
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}
