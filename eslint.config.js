import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/', 'release/', '.tsbuild/', 'coverage/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|test|describe)$/]', message: 'Every test runs in CI: no .only or .skip.' },
      ],
    },
  },
  {
    // shared/ is pure: no Node, no DOM, no Electron, no React (ARCHITECTURE.md).
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/*.test-support.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ runs everywhere: no Node modules.' })),
          patterns: [
            {
              group: ['electron', 'electron/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'node-ssh', 'ssh2'],
              message: 'shared/ is pure TypeScript: no Electron, React or SSH.',
            },
            { group: ['**/electron/**', '**/renderer/**', '**/cli/**'], message: 'shared/ imports from no other layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: ask the main process through the client.' })),
          patterns: [{ group: ['electron', '**/electron/**'], message: 'The renderer talks to the main process only through shared/api.' }],
        },
      ],
    },
  },
  {
    // Tests may wire the real main-process handlers behind the renderer's seams.
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/**/*.test-support.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { property: 'waitForTimeout', message: 'Wait for a condition, never for time.' }],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its error (and its ordering) without a word.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'cli/**/*.ts', 'renderer/src/**/*.{ts,tsx}', 'bench/**/*.ts', 'e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async handler given to a React attribute is fine; anywhere else it would swallow its rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
);
