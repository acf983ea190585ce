import { ApiError } from '@steward/contract';
import { DomainError, ValidationError } from '@steward/core';
import { VerificationError } from './log-verify/errors.ts';

/** Prints data as JSON (for programs) or as the given human text. */
export function print(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : human() + '\n');
}

/** A clear one-line error for the terminal; field errors one per line. Returns the exit code. */
export function printError(err: unknown): number {
  if (err instanceof ValidationError) {
    process.stderr.write('Error: the input is not valid:\n' + err.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n') + '\n');
    return 2;
  }
  if (err instanceof ApiError) {
    const fields = err.errors.map((i) => `\n  ${i.field}: ${i.message}`).join('');
    process.stderr.write(`Error from the server (${err.status} ${err.code}): ${err.message}${fields}\n`);
    return 2;
  }
  if (err instanceof VerificationError) {
    process.stderr.write(`Error: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof DomainError || err instanceof Error) {
    process.stderr.write(`Error: ${err.message}\n`);
    return err instanceof DomainError ? 2 : 1;
  }
  process.stderr.write(`Error: ${String(err)}\n`);
  return 1;
}
