// The rules every package shares: ESLint's and typescript-eslint's recommended sets, without the
// ones Prettier owns. Not type-aware on purpose: `tsc`/`svelte-check`/`astro check` do that part,
// and lint stays fast enough to run before every test run.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import ts from 'typescript-eslint';

export const ignores = {
  ignores: [
    '**/node_modules/**',
    '**/dist/**',
    '**/build/**',
    '**/.svelte-kit/**',
    '**/.astro/**',
    '**/.data/**',
    '**/.e2e-data/**',
    '**/test-results/**',
  ],
};

export const rules = {
  rules: {
    // An unused value is a mistake; a deliberately unused one is named with a leading underscore.
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    eqeqeq: ['error', 'always', { null: 'ignore' }],
    'no-console': 'off',
    'prefer-const': 'error',
  },
};

export default [
  ignores,
  js.configs.recommended,
  ...ts.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  rules,
  {
    // A migration sees the database as it was then, not as today's types describe it.
    files: ['**/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
];
