import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addDiscreteGaussian,
  addDiscreteLaplace,
  createPartitionSelection,
  cryptoRandom,
  decimal,
  rational,
  randomFromBytes,
  sampleDiscreteGaussian,
  sampleDiscreteLaplace,
  type RandomSource,
} from '../../src/index.ts';
import { chiSquareCritical1e4, countingRandom, seededRandom } from './helpers.ts';

const DIR = join(import.meta.dirname, '../../src/privacy');
/** The only privacy files allowed floating-point maths: display and post-processing, never sampling or accounting. */
const DISPLAY_FILES = new Set(['conversion.ts', 'intervals.ts', 'partition-probability.ts', 'quantiles.ts']);
const FLOAT_MATH = /Math\.(?:log|log1p|log2|log10|exp|expm1|sqrt|cbrt|pow|sin|cos|tan|atan|hypot|random|fround)\b|parseFloat\(|\bMath\.PI\b|\bMath\.E\b|\*\*\s*0?\.\d/;

describe('rule P4: exact noise from the injected random source', () => {
  it('[P4] samplers use only the injected random source and integer arithmetic', () => {
    // Every draw goes through the source...
    const rng = countingRandom(seededRandom('p4 count'));
    sampleDiscreteLaplace(rng, rational(5, 2));
    expect(rng.draws).toBeGreaterThan(0);
    const before = rng.draws;
    sampleDiscreteGaussian(rng, rational(7, 3));
    expect(rng.draws).toBeGreaterThan(before);
    // ...and nothing else: the same seed gives the same noise, to the last draw.
    const run = (seed: string): bigint[] => {
      const r = seededRandom(seed);
      return [
        ...Array.from({ length: 200 }, () => sampleDiscreteLaplace(r, rational(3, 2))),
        ...Array.from({ length: 200 }, () => sampleDiscreteGaussian(r, rational(20))),
        addDiscreteLaplace(1000n, 1n, decimal('0.5'), r),
        addDiscreteGaussian(1000n, 3n, decimal('0.1'), r),
      ];
    };
    expect(run('same')).toEqual(run('same'));
    expect(run('same')).not.toEqual(run('other'));
    // Outputs are integers (bigint), so they sit on the value's grid.
    expect(run('same').every((x) => typeof x === 'bigint')).toBe(true);
    // A source that has run out of randomness stops everything: no hidden fallback.
    const empty: RandomSource = { below: () => { throw new Error('no more randomness'); } };
    expect(() => sampleDiscreteGaussian(empty, rational(2))).toThrow('no more randomness');
    expect(() => createPartitionSelection({ epsilon: rational(1), delta: decimal('1e-5'), maxPartitionsPerMember: 1 }).keep(3, empty)).toThrow('no more randomness');
  });

  it('[P4] no Math.random in the privacy code, and float maths only in display files', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['samplers.ts', 'random.ts', 'mechanisms.ts', 'accounting.ts', 'partition-selection.ts', 'plan.ts']));
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'utf8');
      if (/Math\.random/.test(text)) offenders.push(`${f}: Math.random`);
      if (!DISPLAY_FILES.has(f) && FLOAT_MATH.test(text)) offenders.push(`${f}: ${FLOAT_MATH.exec(text)![0]}`);
    }
    expect(offenders).toEqual([]);
    // The samplers and mechanisms import no display file (the float code cannot reach sampling).
    for (const f of ['samplers.ts', 'mechanisms.ts', 'random.ts', 'rational.ts', 'accounting.ts', 'partition-selection.ts']) {
      const imports = [...readFileSync(join(DIR, f), 'utf8').matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]!);
      expect(imports.filter((i) => DISPLAY_FILES.has(i)), f).toEqual([]);
    }
    // The scan would catch the things it looks for.
    expect(FLOAT_MATH.test('const u = Math.log(1 - x)')).toBe(true);
    expect(FLOAT_MATH.test('Math.clz32(n)')).toBe(false);
  });

  it('[P4] cryptoRandom draws uniformly from Web Crypto, in range, for small and huge n', () => {
    const rng = cryptoRandom();
    const counts = new Array<number>(6).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[Number(rng.below(6n))]!++;
    const chi2 = counts.reduce((s, c) => s + (c - n / 6) ** 2 / (n / 6), 0);
    expect(chi2).toBeLessThan(chiSquareCritical1e4(5));
    const big = (1n << 130n) + 12345n;
    for (let i = 0; i < 200; i++) {
      const x = rng.below(big);
      expect(x >= 0n && x < big).toBe(true);
    }
    expect(rng.below(1n)).toBe(0n);
    expect(() => rng.below(0n)).toThrow(RangeError);
  });

  it('below(n) rejects instead of reducing modulo n: every value equally likely', () => {
    // With a byte source counting 0, 1, 2, …, below(3) masks to 2 bits and skips 3.
    let next = 0;
    const rng = randomFromBytes((bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = next++ & 0xff;
    }, 4);
    expect([rng.below(3n), rng.below(3n), rng.below(3n), rng.below(3n)]).toEqual([0n, 1n, 2n, 0n]);
  });
});
