// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not allowed in this layer.' };
const electronImport = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import Electron.',
};
const onnxWeb = {
  group: ['onnxruntime-web', 'onnxruntime-web/*'],
  message: 'Only renderer/src/inference/* imports onnxruntime-web.',
};
const onnxNode = {
  group: ['onnxruntime-node'],
  message: 'onnxruntime-node is for the CLI, tests and benchmarks.',
};
const react = { group: ['react', 'react-dom', 'react-dom/*'], message: 'React belongs to the renderer.' };

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'out-*/**',
      '.cache/**',
      'scratch/**',
      'dist/**',
      'node_modules/**',
      'test-results*/**',
      'playwright-report/**',
      'resources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The pure core and the contract: no Electron, no Node built-ins, no React, no runtime.
    files: ['electron/resnet/**/*.ts', 'electron/ipc/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [nodeBuiltins, onnxWeb, onnxNode, react, { group: ['fs', 'path', 'os', 'crypto'] }],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport], patterns: [onnxWeb, react] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [onnxWeb, onnxNode, react] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [nodeBuiltins, onnxWeb, onnxNode] },
      ],
    },
  },
  {
    files: ['renderer/src/inference/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [nodeBuiltins, onnxNode] }],
    },
  },
);
