/**
 * The signing keys of collectives' transparency logs. They live outside the database (a leaked
 * database backup must not let anyone forge checkpoints), behind this port.
 */
export interface LogSigningKey {
  /** The key name, which is also the log's origin line (C2SP signed-note / tlog-checkpoint). */
  name: string;
  /** The signer key in signed-note text form (`PRIVATE+KEY+name+hash+base64`). */
  skey: string;
  /** The verifier key in signed-note text form (`name+hash+base64`). */
  vkey: string;
}

export interface LogKeyStore {
  /** Generates and keeps a new signing key for the collective's log; fails if one exists. */
  create(collectiveId: string, name: string): Promise<LogSigningKey>;
  /** The key that signs new checkpoints, if the collective has one. */
  current(collectiveId: string): Promise<LogSigningKey | undefined>;
  /** Every verifier key the collective's log has had, newest first. */
  verifierKeys(collectiveId: string): Promise<string[]>;
  /**
   * Makes `next` (a key pair of the same name) the signing key; the old verifier key stays
   * listed. The caller generates `next` so that it can log the rotation before it takes effect.
   */
  rotate(collectiveId: string, next: { skey: string; vkey: string }): Promise<{ current: LogSigningKey; previous: LogSigningKey }>;
}
