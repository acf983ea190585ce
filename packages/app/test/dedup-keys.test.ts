import type { ImportedRecord } from '@steward/importers';
import { describe, expect, it } from 'vitest';
import { dedupKeys } from '../src/use-cases/imports/confirm.ts';

const rec = (dataset: string, data: Record<string, unknown>): ImportedRecord => ({ dataset, data, occurredAt: new Date(0) }) as unknown as ImportedRecord;

describe('dedup keys of one import', () => {
  it('keeps identical lines of one export apart, and gives the same keys to the same file again', () => {
    const lines = [
      rec('pay_items', { amount: 512, kind: 'fare', at: '2024-01-01T10:00:00Z' }),
      rec('pay_items', { at: '2024-01-01T10:00:00Z', kind: 'fare', amount: 512 }),
      rec('pay_items', { amount: 100, kind: 'tip', at: '2024-01-01T10:00:00Z' }),
      rec('pay_items', { amount: 512, kind: 'fare', at: '2024-01-01T10:00:00Z' }),
    ];
    const first = lines.map(dedupKeys());
    expect(new Set(first).size).toBe(4);
    expect(first[1]).toBe(`${first[0]}#1`);
    expect(first[3]).toBe(`${first[0]}#2`);
    expect(lines.map(dedupKeys())).toEqual(first);
  });

  it('takes decimals (location points), and the platform’s own id for tasks', () => {
    const keys = dedupKeys();
    expect(keys(rec('location_points', { lat: 42.305417804699196, lng: -71.11259720490798 }))).toMatch(/^sha256:[\w-]{43}$/);
    expect(keys(rec('work_tasks', { external_id: 'trip-1', fare: 1 }))).toBe('id:trip-1');
    // The same content in another dataset is another record.
    const a = dedupKeys()(rec('pay_items', { x: 1 }));
    const b = dedupKeys()(rec('shifts', { x: 1 }));
    expect(a).not.toBe(b);
  });
});
