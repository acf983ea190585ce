import { sha256 } from '@noble/hashes/sha2.js';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { toHex, utf8 } from '../log/bytes.ts';
import { consentNotice, type NoticeDataset } from './notice.ts';
import type { ConsentScope, ConsentStatus } from './types.ts';
import { validateConsentChange, type ConsentChange } from './validate.ts';
import { CONSENT_PRESETS, isPresetId, presetDecisions, PRESET_IDS, type PresetId } from './vocabulary.ts';

/**
 * A member's decision as one unit: explicit changes, or a preset expanded into its records. All
 * its records are shown in one notice and carry that notice's digest, so what the member read is
 * provable for each of them (ISO/IEC TS 27560 "notice").
 */

export interface DecisionInput {
  changes?: ReadonlyArray<{ scope: unknown; status: unknown; expiresAt?: unknown; reviewAt?: unknown }>;
  preset?: string;
  /** With a preset: the datasets it applies to (default: all the collective's datasets). */
  datasetIds?: readonly string[];
  expiresAt?: unknown;
  reviewAt?: unknown;
}

export interface DecisionContext {
  now: Date;
  collectiveName: string;
  datasets: ReadonlyArray<NoticeDataset & { fields: readonly string[] }>;
  requesters?: ReadonlyArray<{ id: string; name: string }>;
}

export interface Decision {
  /** Checked changes, to be recorded in this order (later ones win where they overlap). */
  changes: Array<Omit<ConsentChange, 'noticeDigest'>>;
  preset: PresetId | null;
  notice: { text: string; digest: string };
}

const DUMMY_DIGEST = '0'.repeat(64);

/** Expands and checks a decision and builds the notice for it. Throws ValidationError naming the field. */
export function prepareDecision(input: DecisionInput, context: DecisionContext): Decision {
  const hasChanges = input.changes !== undefined;
  const hasPreset = input.preset !== undefined;
  if (hasChanges === hasPreset) throw ValidationError.field('changes', 'send either changes or a preset');
  let raw: Array<{ scope: unknown; status: unknown; expiresAt?: unknown; reviewAt?: unknown; field: string }>;
  let preset: PresetId | null = null;
  if (hasPreset) {
    if (!isPresetId(input.preset)) throw ValidationError.field('preset', `must be one of ${PRESET_IDS.join(', ')}`);
    preset = input.preset;
    const known = new Set(context.datasets.map((d) => d.id));
    const ids = input.datasetIds ?? context.datasets.map((d) => d.id);
    const unknown: FieldIssue[] = ids.flatMap((id, i) => (known.has(id) ? [] : [{ field: `datasetIds.${i}`, message: 'no such dataset in this collective' }]));
    if (unknown.length > 0) throw new ValidationError(unknown);
    raw = presetDecisions(preset, ids).map((d) => ({
      scope: d.scope,
      status: d.status,
      ...(d.status === 'given' ? { expiresAt: input.expiresAt ?? null, reviewAt: input.reviewAt ?? null } : {}),
      field: '',
    }));
  } else {
    if (input.changes!.length === 0) throw ValidationError.field('changes', 'make at least one change');
    raw = input.changes!.map((c, i) => ({ ...c, field: `changes.${i}.` }));
  }
  const changes = raw.map((c) => {
    try {
      const { noticeDigest: _, ...checked } = validateConsentChange({ ...c, noticeDigest: DUMMY_DIGEST }, context);
      return checked;
    } catch (error) {
      if (error instanceof ValidationError && c.field) throw new ValidationError(error.issues.map((x) => ({ ...x, field: c.field + x.field })));
      throw error;
    }
  });
  return { changes, preset, notice: decisionNotice(changes, preset, context) };
}

function decisionNotice(
  changes: ReadonlyArray<{ scope: ConsentScope; status: ConsentStatus; expiresAt: Date | null; reviewAt: Date | null }>,
  preset: PresetId | null,
  context: DecisionContext,
): { text: string; digest: string } {
  const notices = changes.map((c) => consentNotice({ collectiveName: context.collectiveName, datasets: context.datasets, requesters: context.requesters, ...c }).text);
  if (notices.length === 1 && !preset) {
    const text = notices[0]!;
    return { text, digest: toHex(sha256(utf8(text))) };
  }
  const head = preset
    ? [`Choice: ${CONSENT_PRESETS[preset].label}`, CONSENT_PRESETS[preset].explanation, '', `This choice replaces what you decided before. It is recorded as ${notices.length} decision${notices.length === 1 ? '' : 's'}; the later one wins where they overlap.`]
    : [`You are making ${notices.length} decisions at once; the later one wins where they overlap.`];
  const text = [...head, '', notices.join('\n---\n\n')].join('\n');
  return { text, digest: toHex(sha256(utf8(text))) };
}
