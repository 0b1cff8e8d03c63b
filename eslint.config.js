// Lint: typescript-eslint, plus import boundaries that say where code may run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'crypto', 'child_process', 'url', 'util', 'net', 'stream', 'worker_threads', 'zlib', 'module', 'events', 'buffer'];
const nodeImports = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', '.electron-native/**', 'examples/**/*.xlsx'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Sanitising file names, cells and imported text means matching control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // shared/ is pure: no Node, no DOM, no Electron, nothing from the other layers.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeImports.filter((m) => !m.includes('*')), 'electron', 'better-sqlite3', 'react', 'exceljs', 'papaparse'].map((name) => ({ name, message: 'shared/ must stay pure (no Node, DOM or Electron)' })),
          patterns: [{ group: ['**/electron/**', '**/renderer/**', 'node:*'], message: 'shared/ imports only shared/' }],
        },
      ],
    },
  },
  {
    // The renderer talks to the main process only through the API client.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'exceljs', ...nodeImports.filter((m) => !m.includes('*'))].map((name) => ({ name, message: 'the renderer may import only shared/ and the preload types' })),
          patterns: [{ group: ['**/electron/*', '!**/electron/preload-api', 'node:*'], message: 'the renderer may import only shared/ and the preload types' }],
        },
      ],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
