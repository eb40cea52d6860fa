// Lint rules. The import restrictions keep the layers of STYLE.md: domain is pure, routes never touch knex.
import { defineConfig } from 'eslint/config'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default defineConfig(
  { ignores: ['node_modules/', 'db/data/', 'public/', 'tests/browser/screenshots/', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is decimal.js or integer pence, never a float.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='round']", message: 'Round money with domain/money (half away from zero), not Math.round.' },
      ],
    },
  },
  {
    // Plain CommonJS test helpers loaded with `node --require` (not TypeScript): lint without type information.
    files: ['**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['knex', 'express', 'pg', 'sqlite3', '../data/*', '../services/*', '../routes/*', 'node:*', 'fs', 'path'], message: 'server/domain is pure: decimal.js only, no I/O.' }] },
      ],
    },
  },
  {
    files: ['server/services/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name=/^(db|trx)$/][arguments.0.type='Literal']", message: 'Queries belong in server/data: call a repository function.' },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is decimal.js or integer pence, never a float.' },
      ],
    },
  },
  {
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['knex', '../data/*', '../../data/*'], message: 'Routes call services; data access lives in server/data.' }] },
      ],
    },
  },
)
