/**
 * Quantiles from a noisy histogram: post-processing of already private counts, so it costs
 * nothing more and may use floating point. Negative noisy counts are read as zero; within a bin
 * the values are taken as spread evenly.
 */
export function quantilesFromHistogram(noisyCounts: readonly bigint[], lower: number, upper: number, quantiles: readonly number[]): Array<number | null> {
  const counts = noisyCounts.map((c) => (c > 0n ? Number(c) : 0));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || counts.length === 0) return quantiles.map(() => null);
  const width = (upper - lower) / counts.length;
  return quantiles.map((q) => {
    const target = q * total;
    let below = 0;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      if (c > 0 && below + c >= target) return lower + width * (i + (target - below) / c);
      below += c;
    }
    return upper;
  });
}
