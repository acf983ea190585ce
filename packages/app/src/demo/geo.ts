import type { City } from './params.ts';
import type { Rng } from './rng.ts';

/** A position in metres east (x) and north (y) of a city's centre. */
export interface Point {
  x: number;
  y: number;
}

const METRES_PER_DEGREE_LAT = 111_320;

/** A uniformly random direction, by rejection (no trigonometry, so no platform-dependent floats). */
export function direction(draw: Rng): Point {
  for (;;) {
    const x = draw.float() * 2 - 1;
    const y = draw.float() * 2 - 1;
    const r2 = x * x + y * y;
    if (r2 > 0.0001 && r2 <= 1) {
      const r = Math.sqrt(r2);
      return { x: x / r, y: y / r };
    }
  }
}

/** A uniformly random point in a disc of radius r around the origin. */
export function inDisc(draw: Rng, r: number): Point {
  for (;;) {
    const x = draw.float() * 2 - 1;
    const y = draw.float() * 2 - 1;
    if (x * x + y * y <= 1) return { x: x * r, y: y * r };
  }
}

/** A point `length` metres from `from`, turned back towards the centre when it would leave the city. */
export function step(from: Point, length: number, draw: Rng, radiusM: number): Point {
  const d = direction(draw);
  let to = { x: from.x + d.x * length, y: from.y + d.y * length };
  if (Math.sqrt(to.x * to.x + to.y * to.y) > radiusM) to = { x: from.x - d.x * length, y: from.y - d.y * length };
  return to;
}

export function lerp(a: Point, b: Point, f: number): Point {
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;
const cosCache = new Map<string, number>();

/** WGS 84 degrees of a local point, rounded to 7 decimals (about a centimetre). */
export function toLatLng(city: City, p: Point): { lat: number; lng: number } {
  let cos = cosCache.get(city.name);
  if (cos === undefined) {
    cos = Math.cos((city.lat * Math.PI) / 180);
    cosCache.set(city.name, cos);
  }
  return {
    lat: round7(city.lat + p.y / METRES_PER_DEGREE_LAT),
    lng: round7(city.lng + p.x / (METRES_PER_DEGREE_LAT * cos)),
  };
}
