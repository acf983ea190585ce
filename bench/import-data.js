import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { zoneOffsetMs } from '@steward/importers';

/**
 * A synthetic Uber driver trips file in the 2025 US snake_case layout
 * (`driver_lifetime_trips-0.csv`, as in packages/importers/test/fixtures/uber-us-snake): ISO
 * times with milliseconds and `Z`, the `*_local` columns holding New York wall times written the
 * same way, no trip id. Made up, deterministic for a seed (no Math.random).
 */
export const TRIPS_HEADER =
  'city_name,currency_code,product_type_name,status,request_timestamp_local,request_timestamp_utc,begintrip_timestamp_local,begintrip_timestamp_utc,' +
  'dropoff_timestamp_local,dropoff_timestamp_utc,begintrip_lat,begintrip_lng,dropoff_lat,dropoff_lng,trip_distance_miles,trip_duration_seconds,' +
  'original_fare_local,original_fare_usd';
export const TRIPS_ZONE = 'America/New_York';

const CITIES = ['New York', 'New York', 'New York', 'Newark', 'Jersey City', 'Philadelphia', 'Boston'];
const PRODUCTS = ['UberX', 'UberX', 'UberX', 'UberX', 'Comfort', 'UberXL', 'Black', 'Uber Pet', 'Green'];
const T0 = Date.UTC(2015, 0, 1, 5, 0, 0);

/** mulberry32: a small, fast, seeded PRNG with outputs in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** US Eastern offset (ms) at a UTC instant: DST from 07:00 UTC on March's second Sunday to 06:00 UTC on November's first. */
function easternOffsetMs(ms) {
  const year = new Date(ms).getUTCFullYear();
  const sunday = (month, nth) => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (nth - 1);
  };
  const start = Date.UTC(year, 2, sunday(2, 2), 7);
  const end = Date.UTC(year, 10, sunday(10, 1), 6);
  return ms >= start && ms < end ? -4 * 3600_000 : -5 * 3600_000;
}

/**
 * Writes `rows` trips to `path`: 90% completed, the rest cancelled by rider or driver (no begin,
 * drop-off, place or fare, as Uber writes them). Request times strictly increase (one to ten
 * minutes apart, 2015 onwards), so no two trips share a synthetic id. Returns bytes and counts.
 */
export async function writeTripsCsv(path, rows, seed) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const iso = (ms) => new Date(ms).toISOString();
  const local = (ms) => new Date(ms + easternOffsetMs(ms)).toISOString();
  const out = createWriteStream(path);
  let bytes = 0;
  let completed = 0;
  let chunk = TRIPS_HEADER + '\n';
  let requested = T0;
  for (let i = 0; i < rows; i++) {
    requested += int(60, 600) * 1000;
    if (i % 997 === 0 && easternOffsetMs(requested) !== zoneOffsetMs(TRIPS_ZONE, requested)) {
      throw new Error(`the generator's US Eastern offset disagrees with the importers' at ${iso(requested)}`);
    }
    const city = pick(CITIES);
    const product = pick(PRODUCTS);
    const roll = rand();
    const status = roll < 0.9 ? 'completed' : roll < 0.96 ? 'rider_canceled' : 'driver_canceled';
    const head = `${city},USD,${product},${status},${local(requested)},${iso(requested)},`;
    if (status !== 'completed') {
      chunk += `${head},,,,,,,,0,0,,\n`;
    } else {
      completed++;
      const begun = requested + int(90, 600) * 1000;
      const seconds = int(180, 3600);
      const ended = begun + seconds * 1000;
      const miles = (seconds / 3600) * (8 + rand() * 30);
      const cents = Math.round(250 + seconds * 1.2 + miles * 120 + rand() * 400);
      // One fare in ~5,000 is over 1,000 and written with a thousands separator, quoted.
      const big = i % 4999 === 17;
      const usd = big ? (1000 + (cents % 90_000) / 100).toFixed(2) : (cents / 100).toFixed(2);
      const fare = big ? `"1,${usd.slice(1)}"` : usd;
      const lat = (40.6 + rand() * 0.3).toFixed(int(2, 5));
      const lng = (-74.05 + rand() * 0.3).toFixed(int(2, 5));
      const lat2 = (40.6 + rand() * 0.3).toFixed(int(2, 5));
      const lng2 = (-74.05 + rand() * 0.3).toFixed(int(2, 5));
      chunk += `${head}${local(begun)},${iso(begun)},${local(ended)},${iso(ended)},${lat},${lng},${lat2},${lng2},${miles.toFixed(2)},${seconds},${fare},${usd}\n`;
    }
    if (chunk.length > 1 << 20 || i === rows - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return { bytes, rows, completed, cancelled: rows - completed };
}

/** COPY's text format: tab-separated, `\N` for null, backslash, tab, newline and CR escaped. */
export function copyField(value) {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}
