/**
 * Exact rounding for derived figures. Money stays in integer minor units; a figure derived by
 * division is computed on BigInt from exact integer sums and rounded once, half away from zero.
 */

/** n / d rounded half away from zero; d must be positive. */
export function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Integer n / d rounded half away from zero, or null when d is 0. */
export function ratioRound(n: number, d: number): number | null {
  if (d === 0) return null;
  return Number(divRound(BigInt(n), BigInt(d)));
}

/** Money per hour: `minor` over `ms` milliseconds, in minor units per hour, rounded; null for no time. */
export function perHour(minor: number, ms: number): number | null {
  if (ms <= 0) return null;
  return Number(divRound(BigInt(minor) * 3_600_000n, BigInt(ms)));
}

/** Money per kilometre: `minor` over `meters`, in minor units per km, rounded; null for no distance. */
export function perKm(minor: number, meters: number): number | null {
  if (meters <= 0) return null;
  return Number(divRound(BigInt(minor) * 1000n, BigInt(meters)));
}

/** A share `part / whole` as a number with 4 decimals (0.2500 = 25 %), rounded; null when whole is 0. */
export function share(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Number(divRound(BigInt(part) * 10_000n, BigInt(whole))) / 10_000;
}

/** Milliseconds as hours with 2 decimals, rounded half away from zero. */
export function hours(ms: number): number {
  return Number(divRound(BigInt(ms), 36_000n)) / 100;
}

/** Metres as kilometres with 2 decimals, rounded half away from zero. */
export function km(meters: number): number {
  return Number(divRound(BigInt(meters), 10n)) / 100;
}
