import { describe, expect, it } from 'vitest';
import {
  CONSENT_PRESETS, CONSENT_VOCABULARY_VERSION, decideConsent, DPV_NS, isPurposeId, PRESET_IDS, presetDecisions, purposeById, PURPOSES,
  RECIPIENT_CATEGORIES, RECIPIENT_CATEGORY_INFO, STEWARD_NS, ValidationError, type ConsentRecord,
} from '../../src/index.ts';
import { at, named, ORG, rec } from './helpers.ts';

describe('consent vocabulary', () => {
  it('every purpose IRI is in the DPV namespace or Steward\'s extension', () => {
    expect(DPV_NS).toBe('https://w3id.org/dpv#');
    for (const p of PURPOSES) {
      const [prefix, local] = p.id.split(':') as [string, string];
      expect(p.iri).toBe((prefix === 'dpv' ? DPV_NS : prefix === 'stw' ? STEWARD_NS : 'unknown') + local);
    }
    expect(PURPOSES.filter((p) => p.id.startsWith('stw:')).map((p) => p.id).sort()).toEqual(['stw:Campaigning', 'stw:CollectiveBargaining']);
  });

  it('every purpose and recipient is explained in short plain words with two examples', () => {
    expect(new Set(PURPOSES.map((p) => p.id)).size).toBe(PURPOSES.length);
    for (const p of PURPOSES) {
      expect(p.label.length).toBeGreaterThan(0);
      expect(p.explanation.length).toBeLessThanOrEqual(160);
      expect(p.examples).toHaveLength(2);
    }
    for (const c of RECIPIENT_CATEGORIES) expect(RECIPIENT_CATEGORY_INFO[c].explanation.length).toBeGreaterThan(0);
    expect(CONSENT_VOCABULARY_VERSION).toMatch(/\S/);
  });

  it('looks purposes up by id', () => {
    expect(isPurposeId('dpv:AcademicResearch')).toBe(true);
    expect(isPurposeId('dpv:Nonsense')).toBe(false);
    expect(isPurposeId(42)).toBe(false);
    expect(purposeById('stw:Campaigning')?.iri).toBe('https://steward.coop/ns#Campaigning');
    expect(purposeById('constructor')).toBeUndefined();
  });

  it('presets name only known purposes and recipients', () => {
    for (const id of PRESET_IDS) {
      const p = CONSENT_PRESETS[id];
      expect(p.purposes.every(isPurposeId)).toBe(true);
      expect(p.recipients.every((r) => RECIPIENT_CATEGORIES.includes(r))).toBe(true);
    }
    expect(CONSENT_PRESETS.all_but_commercial.recipients).not.toContain('commercial');
    expect(CONSENT_PRESETS.all_but_commercial.purposes).not.toContain('dpv:Marketing');
  });

  it('[C1] a preset replaces earlier choices: exactly its cells end up allowed', () => {
    const earlier = rec('m1', 1, { scope: { datasets: [{ datasetId: 'd1' }], purposes: ['dpv:Marketing'], recipients: [{ category: 'commercial' }, named(ORG)] } });
    const decisions = presetDecisions('research_public_interest', ['d1', 'd2', 'd1']);
    expect(decisions.map((d) => d.status)).toEqual(['withdrawn', 'given']);
    expect(decisions[1]!.scope.datasets).toEqual([{ datasetId: 'd1' }, { datasetId: 'd2' }]);
    const records: ConsentRecord[] = [earlier, ...decisions.map((d, i) => rec('m1', 2 + i, { scope: d.scope, status: d.status }))];
    const allowed = (datasetId: string, purpose: string, recipient: ConsentRecord['scope']['recipients'][number]) =>
      decideConsent(records, ['m1'], { datasetId, purpose, recipient, at: at(10) }).allowed.length === 1;
    expect(allowed('d2', 'dpv:AcademicResearch', { category: 'academic' })).toBe(true);
    expect(allowed('d1', 'dpv:PublicBenefit', named(ORG, 'public_body'))).toBe(true);
    expect(allowed('d1', 'dpv:Marketing', { category: 'commercial' })).toBe(false);
    expect(allowed('d1', 'dpv:Marketing', named(ORG))).toBe(false);
    expect(allowed('d1', 'stw:CollectiveBargaining', { category: 'collective' })).toBe(false);
  });

  it('[C1] the "nothing" preset withdraws everything', () => {
    const decisions = presetDecisions('nothing', ['d1']);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.status).toBe('withdrawn');
    expect(decisions[0]!.scope.purposes).toHaveLength(PURPOSES.length);
    expect(decisions[0]!.scope.recipients).toHaveLength(RECIPIENT_CATEGORIES.length);
    expect(() => presetDecisions('nothing', [])).toThrow(ValidationError);
  });
});
