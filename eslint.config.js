// Lint: the recommended JavaScript and TypeScript rules, type-aware where cheap.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import house from './eslint/floors.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'scratch/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  { files: ['scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  // The floors of src/ and where SQL lives (eslint/floors.js, docs/architecture.md § The floors).
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { house },
    rules: { 'house/floors': 'error', 'house/sql-in-stores': 'error', 'house/explained': 'error' },
  },
);
