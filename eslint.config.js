import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'bench/results/**', '.steward-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', crypto: 'readonly', document: 'readonly', window: 'readonly', navigator: 'readonly', localStorage: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', structuredClone: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Rule P4: use a cryptographic RNG (node:crypto or crypto.getRandomValues).' }],
    },
  },
  {
    // Rule: the domain is pure (DESIGN.md layering). The test suite checks this too.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hono', 'hono/*', 'kysely', 'pg', '@electric-sql/*', 'react', 'node:fs', 'node:fs/*', 'fs', 'node:http', 'node:child_process', 'node:net', '@steward/*'], message: 'packages/core stays pure: no I/O, no HTTP, no SQL, no outer layers.' },
      ] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'core never reads the environment' }],
    },
  },
);
