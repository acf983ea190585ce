import type { GatedRecordReader, Readers, Repositories } from '@steward/core';
import { apiTokenReader, apiTokenRepository } from './api-tokens.ts';
import { collectiveReader, collectiveRepository } from './collectives.ts';
import { consentReader, consentRepository } from './consents.ts';
import { datasetReader, datasetRepository } from './datasets.ts';
import { governanceReader, governanceRepository } from './governance.ts';
import { invitationReader, invitationRepository } from './invitations.ts';
import { logReader, logRepository } from './log.ts';
import { membershipReader, membershipRepository } from './memberships.ts';
import { gatedRecordReader, recordReader, recordRepository } from './records.ts';
import { sessionReader, sessionRepository } from './sessions.ts';
import type { Db } from './support.ts';
import { userReader, userRepository } from './users.ts';

/** Read-only views for use outside a transaction; they carry no write methods at all. */
export function createReaders(db: Db): Readers {
  return {
    users: userReader(db),
    sessions: sessionReader(db),
    apiTokens: apiTokenReader(db),
    collectives: collectiveReader(db),
    memberships: membershipReader(db),
    invitations: invitationReader(db),
    datasets: datasetReader(db),
    records: recordReader(db),
    consents: consentReader(db),
    governance: governanceReader(db),
    log: logReader(db),
  };
}

/** Full repositories bound to one transaction. */
export function createRepositories(tx: Db): Repositories {
  return {
    users: userRepository(tx),
    sessions: sessionRepository(tx),
    apiTokens: apiTokenRepository(tx),
    collectives: collectiveRepository(tx),
    memberships: membershipRepository(tx),
    invitations: invitationRepository(tx),
    datasets: datasetRepository(tx),
    records: recordRepository(tx),
    consents: consentRepository(tx),
    governance: governanceRepository(tx),
    log: logRepository(tx),
  };
}

/** The readers of one snapshot transaction, with the gated record reader only a snapshot gets. */
export function createSnapshotReaders(tx: Db): Readers & { gated: GatedRecordReader } {
  return { ...createReaders(tx), gated: gatedRecordReader(tx) };
}
