import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Process boundaries from docs/design.md ("Layout and layers"), enforced on imports.
const NODE_BUILTINS = ['node:*'];
const BARE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events'];
const BARE_PACKAGES = ['electron', 'react', 'react-dom', 'zustand', 'keytar', 'ws'];
// Bare names go to `paths` (exact match); `patterns` are gitignore-style and would also match
// folders of ours that happen to share a name (src-shared/events).
const restrict = (entries, message) => {
  const paths = entries.filter((e) => BARE_BUILTINS.includes(e) || BARE_PACKAGES.includes(e));
  const patterns = entries.filter((e) => !paths.includes(e));
  const bare = [...new Set([...paths, ...(entries.includes('node:*') ? BARE_BUILTINS : [])])];
  return {
    'no-restricted-imports': ['error', { paths: bare.map((name) => ({ name, message })), patterns: patterns.map((group) => ({ group: [group], message })) }],
  };
};

export default defineConfig(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', '.sandbox/**'] },
  ...tseslint.configs.recommended,
  {
    // Type-aware: a promise nobody awaits or handles (an IPC call, a store action) is a bug here.
    files: ['src-*/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict(
      ['electron', 'react', 'react-dom', 'zustand', 'keytar', 'ws', ...NODE_BUILTINS, '**/src-main/**', '**/src-renderer/**', '**/src-preload/**', '**/src-sandbox/**', '#sandbox/*'],
      'src-shared is imported by every process: no electron, node, react or other src-* code.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['electron', 'keytar', 'ws', ...NODE_BUILTINS, '**/src-main/**', '**/src-preload/**', '**/src-sandbox/**', '#sandbox/*'],
        'The renderer is untrusted: no electron, node, main or preload code. Reach main through lib/api-client.ts.',
      ),
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-sandbox/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/index.ts', 'src-main/app/electron-*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='electron']", message: 'Only the Electron entry (src-main/index.ts) and its adapters (src-main/app/electron-*.ts) import electron.' },
      ],
    },
  },
  {
    files: ['src-relay/**/*.ts'],
    rules: restrict(
      ['electron', 'react', 'react-dom', 'zustand', 'keytar', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**', '**/src-sandbox/**', '#sandbox/*'],
      'The relay is deployed on its own: no console, renderer, preload or sandbox code.',
    ),
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: restrict([...NODE_BUILTINS, '**/src-main/**', '**/src-renderer/**', '**/src-sandbox/**', 'keytar', 'ws'], 'The preload only bridges the registry: no node, main or renderer code.'),
  },
);
