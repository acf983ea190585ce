/** Consent (rules C1–C3), pure: vocabulary, notices, validation, the gate, statuses, receipts. */
export * from './types.ts';
export * from './vocabulary.ts';
export * from './scope.ts';
export * from './notice.ts';
export * from './validate.ts';
export * from './gate.ts';
export * from './status.ts';
export * from './receipt.ts';
export * from './decision.ts';
