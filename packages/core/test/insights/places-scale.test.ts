import { describe, expect, it } from 'vitest';
import { computeInsights, distanceM, type InsightsRecord } from '../../src/index.ts';

/**
 * Google location history can hold a point a minute for years. Places are found with a spatial
 * hash, not by comparing every point with every place: it must give what the plain rule gives
 * (checked against a naive version written here), and a year of points must go through in one
 * call. (Speed is not asserted: machines are shared.)
 */

/** mulberry32: a small seeded generator (floats in [0, 1)). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A point every 1–3 minutes, mostly still at one of `spots` (± jitter°), sometimes moving to another. */
function* wander(n: number, spots: Array<[number, number]>, jitter = 1e-4, seed = 42): Generator<InsightsRecord> {
  const next = rng(seed);
  let t = Date.parse('2025-01-06T00:00:00Z');
  let [lat, lng] = spots[0]!;
  for (let i = 0; i < n; i++) {
    if (next() < 0.02) [lat, lng] = spots[Math.floor(next() * spots.length)]!;
    let lo = lng + (next() - 0.5) * jitter * 2;
    if (lo > 180) lo -= 360;
    if (lo < -180) lo += 360;
    yield { dataset: 'location_points', data: { recorded_at: new Date(t).toISOString(), lat: lat + (next() - 0.5) * jitter, lng: lo } };
    t += 60_000 * (1 + Math.floor(next() * 3));
  }
}

/** Rules 1–2 of places.ts the plain way: every point against every centre. */
function naivePlaces(records: InsightsRecord[]) {
  const pts = records.map((r) => ({ t: Date.parse(r.data.recorded_at as string), lat: r.data.lat as number, lng: r.data.lng as number }));
  pts.sort((a, b) => a.t - b.t || a.lat - b.lat || a.lng - b.lng);
  const sums: Array<{ lat: number; lng: number; n: number }> = [];
  for (const p of pts) {
    let best = -1;
    let bestD = Infinity;
    sums.forEach((c, id) => {
      const d = distanceM(p.lat, p.lng, c.lat / c.n, c.lng / c.n);
      if (d <= 150 && d < bestD) [best, bestD] = [id, d];
    });
    if (best < 0) sums.push({ lat: p.lat, lng: p.lng, n: 1 });
    else Object.assign(sums[best]!, { lat: sums[best]!.lat + p.lat, lng: sums[best]!.lng + p.lng, n: sums[best]!.n + 1 });
  }
  const round4 = (v: number) => Number(v.toFixed(4)) + 0;
  const centres = sums.map((c) => ({ lat: round4(c.lat / c.n), lng: round4(c.lng / c.n) }));
  const counts = centres.map(() => 0);
  for (const p of pts) {
    let best = -1;
    let bestD = Infinity;
    centres.forEach((c, id) => {
      const d = distanceM(p.lat, p.lng, c.lat, c.lng);
      if (d <= 150 && d < bestD) [best, bestD] = [id, d];
    });
    if (best >= 0) counts[best]! += 1;
  }
  return { places: centres.length, centres: centres.map((c, i) => [c.lat, c.lng, counts[i]!]) };
}

describe('places at scale', () => {
  it('the spatial hash finds what comparing with every place finds, across the antimeridian and in the far north', () => {
    const next = rng(7);
    // 60 spots in 1 km × 1 km at 70° N astride the antimeridian (where a degree of longitude is
    // 38 km: three columns of cells each side are searched), points up to ±30 m around them.
    const spots: Array<[number, number]> = Array.from({ length: 60 }, () => [70 + (next() - 0.5) * 0.01, 179.995 + (next() - 0.5) * 0.03] as [number, number]).map(([la, lo]) => [la, lo > 180 ? lo - 360 : lo]);
    for (const [lat, lng] of [[0, 0], [89.99, 10], [-89.99, -170]] as Array<[number, number]>) spots.push([lat, lng]);
    const records = [...wander(10_000, spots, 5e-4)];
    const got = computeInsights({ records, period: 'month', timeZone: 'UTC' });
    const want = naivePlaces(records);
    expect(want.places).toBeGreaterThan(20);
    expect(got.places.places).toBe(want.places);
    // The top places (by time) are among the naive centres, with the same number of points.
    for (const p of got.places.top) expect(want.centres).toContainEqual([p.lat, p.lng, p.points]);
  }, 120_000);

  it('a year of a point every 1–3 minutes over a city (about 260 000 points)', () => {
    const next = rng(3);
    const spots = Array.from({ length: 900 }, (_, i) => [48.7 + Math.floor(i / 30) / 100, 2.2 + (i % 30) / 100 + next() * 1e-3] as [number, number]);
    const records = wander(262_800, spots);
    const r = computeInsights({ records, period: 'month', timeZone: 'Europe/Paris' });
    expect(r.places.points).toBe(262_800);
    expect(r.places.places).toBeGreaterThan(800);
    // Ten places by time, and the suggested workplace when it is not among them.
    expect(r.places.top.length).toBeGreaterThanOrEqual(10);
    expect(r.places.top.slice(0, 10).every((p) => !p.suggested)).toBe(r.places.top.length === 11);
    expect(r.places.top.filter((p) => p.suggested)).toHaveLength(1);
    expect(r.workplace?.suggested).toBe(true);
  }, 120_000);
});
