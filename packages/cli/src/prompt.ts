import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal. `--yes` answers yes; without a terminal (a script, CI)
 * the answer is no, so nothing is ever stored or decided by accident.
 */
export async function confirm(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
