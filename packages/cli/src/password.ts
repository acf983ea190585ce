import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';

/**
 * A password for a new account: from STEWARD_PASSWORD (scripts), else typed at a terminal, else
 * generated and shown once. Never taken as a flag: flags show up in `ps` and shell history.
 */
export async function readPassword(prompt: string): Promise<{ value: string; generated: boolean }> {
  const fromEnv = process.env.STEWARD_PASSWORD;
  if (fromEnv) return { value: fromEnv, generated: false };
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const value = await rl.question(`${prompt} (leave empty to generate one): `);
      if (value) return { value, generated: false };
    } finally {
      rl.close();
    }
  }
  return { value: randomBytes(15).toString('base64url'), generated: true };
}
