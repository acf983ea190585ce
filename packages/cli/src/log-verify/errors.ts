/**
 * Any way a log fails to verify: a bad signature, a tampered tile, a rollback, a fork, a server
 * that cannot be reached. The CLI prints the message on one line and exits with code 3, so
 * scripts can tell "the log is wrong" from a usage error.
 */
export class VerificationError extends Error {
  readonly exitCode = 3;
}
