import { DomainError } from '../errors.ts';

/** A Merkle proof, tree hash or tile did not check out against what it claims. */
export class LogProofError extends DomainError {
  readonly code = 'log_proof_invalid';
  constructor(message = 'The transparency-log proof does not verify.') {
    super(message);
  }
}

/** An index or tree size outside the tree it refers to, or beyond the supported bound. */
export class LogRangeError extends DomainError {
  readonly code = 'log_out_of_range';
}

/** A signed note, key or signature line that does not follow C2SP signed-note. */
export class MalformedNoteError extends DomainError {
  readonly code = 'note_malformed';
  constructor(message = 'malformed note') {
    super(message);
  }
}

/** A signer or verifier key string (`PRIVATE+KEY+…` / `name+hash+key`) that cannot be used. */
export class NoteKeyError extends DomainError {
  readonly code = 'note_key_invalid';
}

/** A signature by a key we trust failed to verify: the whole note is rejected. */
export class NoteSignatureError extends DomainError {
  readonly code = 'note_signature_invalid';
  readonly keyName: string;
  readonly keyHash: number;
  constructor(keyName: string, keyHash: number) {
    super(`invalid signature for key ${keyName}+${keyHash.toString(16).padStart(8, '0')}`);
    this.keyName = keyName;
    this.keyHash = keyHash;
  }
}

/** A well-formed note that no trusted key signed; `unverified` lists who did sign it. */
export class UnverifiedNoteError extends DomainError {
  readonly code = 'note_unverified';
  readonly unverified: ReadonlyArray<{ name: string; keyHash: number }>;
  constructor(unverified: ReadonlyArray<{ name: string; keyHash: number }>, message = 'note has no verifiable signatures') {
    super(message);
    this.unverified = unverified;
  }
}

/** Checkpoint text that does not follow C2SP tlog-checkpoint. */
export class MalformedCheckpointError extends DomainError {
  readonly code = 'checkpoint_malformed';
}

/** A tile path, tile body or entry bundle that does not follow C2SP tlog-tiles. */
export class MalformedTileError extends DomainError {
  readonly code = 'tile_malformed';
}
