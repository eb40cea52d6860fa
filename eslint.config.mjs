// Lint rules. The import restrictions keep the layers of STYLE.md: domain is pure, routes never touch knex.
import { defineConfig } from 'eslint/config'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The rule of money, everywhere: blocks below add to it, never replace it.
const MONEY_RULES = [
  {
    selector: "CallExpression[callee.name='parseFloat']",
    message: 'Money is decimal.js or integer pence, never a float.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='round']",
    message: 'Round money with domain/money (half away from zero), not Math.round.',
  },
]

// Queries belong in server/data: nothing else builds SQL, whatever the table is called.
const QUERY_RULES = [
  {
    selector: 'CallExpression[callee.name=/^(db|trx|knex)$/]',
    message: 'Queries belong in server/data: call a repository or the record module.',
  },
  {
    selector:
      'CallExpression[callee.object.name=/^(db|trx|knex)$/][callee.property.name=/^(raw|from|table|select|insert|update|del|delete|schema)$/]',
    message: 'Queries belong in server/data: call a repository or the record module.',
  },
]

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'db/data/',
      'public/',
      'tests/browser/screenshots/',
      'eslint.config.mjs',
      '*.tmp.mjs',
      '*.tmp.ts',
    ],
  },
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
      'no-restricted-syntax': ['error', ...MONEY_RULES],
    },
  },
  {
    // Functions short enough to read at once; more than three parameters become an options object.
    files: ['server/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 3],
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
        {
          patterns: [
            {
              group: [
                'knex',
                'express',
                'pg',
                'sqlite3',
                '../data/*',
                '../services/*',
                '../routes/*',
                'node:*',
                'fs',
                'path',
              ],
              message: 'server/domain is pure: decimal.js only, no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/data/**'],
    rules: {
      'no-restricted-syntax': ['error', ...MONEY_RULES, ...QUERY_RULES],
    },
  },
  {
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['knex', '../data/*', '../../data/*'],
              message: 'Routes call services; data access lives in server/data.',
            },
          ],
        },
      ],
    },
  },
)
