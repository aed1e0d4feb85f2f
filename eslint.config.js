// Flat ESLint config. Import boundaries keep the architecture honest:
// - only src/ui/editor may import monaco-editor (it is large and loaded lazily);
// - src/core is shared by browser, server and tests, so it stays free of React and Node built-ins;
// - a UI feature (src/ui/<feature>) reaches another only through its index.ts (feature-boundaries);
// - the sandbox plays the real server and shares no code with the explorer (a bug in shared code
//   would hide in both the explorer and the peer it is tested against).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';
import { featureBoundaries } from './scripts/lint/feature-boundaries.js';

const monacoOnlyInEditor = {
  paths: [{ name: 'monaco-editor', message: 'Only src/ui/editor may import monaco-editor.' }],
  patterns: [{ group: ['monaco-editor/*'], message: 'Only src/ui/editor may import monaco-editor.' }],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-node/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'src/core/catalog/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', monacoOnlyInEditor],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    // Tests may reach into the code they test across features; the app itself may not.
    ignores: ['src/ui/**/*.test.{ts,tsx}'],
    plugins: { local: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      'local/feature-boundaries': ['error', { uiRoot: `${import.meta.dirname}/src/ui`, shared: ['lib'] }],
    },
  },
  {
    files: ['src/ui/editor/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    // Tests may start real local HTTP servers with Node built-ins; the code under test may not.
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...monacoOnlyInEditor.paths, { name: 'react', message: 'src/core is framework-free.' }],
          patterns: [
            ...monacoOnlyInEditor.patterns,
            { group: ['node:*'], message: 'src/core runs in the browser too: no Node built-ins.' },
            {
              group: ['**/ui/**', '**/server/**', '**/sandbox/**'],
              message: 'src/core depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/ui/**', '**/server/**'],
              message: 'The sandbox shares no code with the explorer.',
            },
          ],
        },
      ],
    },
  },
);
