import { describe, expect, it } from 'vitest';
import { assertNoPersonalData, canonicalJson, type LogEntryBody } from '../src/index.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: undefined } })).toBe('{"a":{"d":[true,null,"x"]},"b":1}');
  });
  it('gives the same bytes for the same entry whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: 'é' })).toBe(canonicalJson({ y: 'é', x: 1 }));
  });
  it('refuses non-integers, which have no single canonical form here', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(/integers/);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});

describe('[T3] log entries carry no personal data', () => {
  const base: LogEntryBody = { v: 1, type: 'x', time: '2026-01-01T00:00:00.000Z', collective: 'c', actor: 'p:abc' };
  it('accepts ids, digests and counts', () => {
    expect(() => assertNoPersonalData({ ...base, refs: { dataset: 'd1', role: 'member' }, counts: { records: 3 }, digests: { file: 'ab' } })).not.toThrow();
  });
  it('refuses keys that suggest personal data and e-mail-like values', () => {
    expect(() => assertNoPersonalData({ ...base, refs: { email: 'x' } })).toThrow(/T3/);
    expect(() => assertNoPersonalData({ ...base, refs: { who: 'ann@example.org' } })).toThrow(/T3/);
    expect(() => assertNoPersonalData({ ...base, refs: { lat: '48.85' } })).toThrow(/T3/);
    expect(() => assertNoPersonalData({ ...base, actor: 'ann@example.org' })).toThrow(/T3/);
  });
});
