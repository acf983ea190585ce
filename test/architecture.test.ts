import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md layering, checked on the source: an inner layer never imports an outer one, and the
 * domain (packages/core) does no I/O and reads no environment.
 */
const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.(test|spec)\./.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    found.add((m[1] ?? m[2] ?? m[3])!);
  }
  return [...found];
}

/** Which of our packages each package may import (inner layers only). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  contract: [],
  importers: ['core'],
  store: ['core'],
  app: ['core', 'importers', 'store'],
  server: ['core', 'app', 'contract'],
  cli: ['core', 'app', 'contract', 'server', 'store', 'importers'],
  // The web app talks to the server only through the contract; it imports core's pure log
  // verifiers so that proofs are checked in the browser instead of trusted from the server.
  web: ['contract', 'core'],
};

const FOREIGN_TO_CORE = /^(?:(?:hono|kysely|pg|react|react-dom|fastify|fs|http|https|net|child_process|path)(?:\/|$)|@hono\/|@electric-sql\/|node:(?:fs|http|https|net|child_process|worker_threads|os|path)(?:\/|$))/;

describe('architecture', () => {
  const packages = readdirSync(join(ROOT, 'packages'));

  it('every package has a layer assigned', () => {
    expect(packages.filter((p) => !(p in ALLOWED))).toEqual([]);
  });

  it('inner layers never import outer ones', () => {
    const violations: string[] = [];
    for (const pkg of packages) {
      const srcDir = join(ROOT, 'packages', pkg, 'src');
      for (const file of sourceFiles(srcDir)) {
        for (const spec of importsOf(file)) {
          const ours = /^@steward\/([^/]+)/.exec(spec)?.[1];
          if (ours && ours !== pkg && !ALLOWED[pkg]!.includes(ours)) violations.push(`${relative(ROOT, file)} imports ${spec}`);
          if (spec.startsWith('../../') && /packages\//.test(spec)) violations.push(`${relative(ROOT, file)} reaches into another package: ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('packages/core stays pure: no database, HTTP, file system or environment', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'packages/core/src'))) {
      for (const spec of importsOf(file)) if (FOREIGN_TO_CORE.test(spec)) violations.push(`${relative(ROOT, file)} imports ${spec}`);
      if (/\bprocess\.env\b/.test(readFileSync(file, 'utf8'))) violations.push(`${relative(ROOT, file)} reads process.env`);
    }
    expect(violations).toEqual([]);
  });

  it('[P4] no Math.random outside tests and the web app', () => {
    const offenders = packages
      .filter((p) => p !== 'web')
      .flatMap((p) => sourceFiles(join(ROOT, 'packages', p, 'src')))
      .filter((f) => /Math\.random/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('[C1] only the consent gate’s path reads many members’ records (gated reader, snapshot)', () => {
    // The store implements the reader; the app's gated path is the one caller (rules C1, G1, S1).
    const allowed = new Set(['packages/app/src/use-cases/consent/gated-records.ts', 'packages/core/src/ports/store.ts']);
    const offenders = packages
      .filter((p) => p !== 'store')
      .flatMap((p) => sourceFiles(join(ROOT, 'packages', p, 'src')))
      .filter((f) => /scanForMembers|\.gated\b|\.snapshot\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f))
      .filter((f) => !allowed.has(f));
    expect(offenders).toEqual([]);
    expect(readFileSync(join(ROOT, 'packages/app/src/use-cases/consent/gated-records.ts'), 'utf8')).toMatch(/decideConsent\(/);
  });

  it('the purity check itself catches an impure import', () => {
    expect(FOREIGN_TO_CORE.test('kysely')).toBe(true);
    expect(FOREIGN_TO_CORE.test('node:fs/promises')).toBe(true);
    expect(FOREIGN_TO_CORE.test('@electric-sql/pglite')).toBe(true);
    expect(FOREIGN_TO_CORE.test('@noble/hashes/sha2')).toBe(false);
  });
});
