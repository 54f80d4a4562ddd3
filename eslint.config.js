// ESLint flat config. Besides the usual TypeScript and React-hooks rules it enforces the layering of
// ARCHITECTURE.md, so a wrong-way import fails `npm run lint` (and therefore `npm test`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { dirname, relative, resolve } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * `layering/no-import-from`: a file may not import (statically, dynamically or by re-export) anything
 * under the given folders. Relative paths are resolved first, because the same text (`../demo`) means
 * core's own folder from one file and the module beside core from another.
 */
const layering = {
  rules: {
    'no-import-from': {
      meta: {
        type: 'problem',
        schema: [
          {
            type: 'array',
            items: {
              type: 'object',
              properties: { folder: { type: 'string' }, message: { type: 'string' } },
              required: ['folder', 'message'],
              additionalProperties: false,
            },
          },
        ],
      },
      create(context) {
        const forbidden = context.options[0] ?? [];
        const check = (source) => {
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const target = relative(context.cwd, resolve(dirname(context.filename), source.value)).replace(/\\/g, '/');
          const hit = forbidden.find((f) => target === f.folder || target.startsWith(`${f.folder}/`));
          if (hit) context.report({ node: source, message: hit.message });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
        };
      },
    },
  },
};

/**
 * `casts/no-double-cast`: `x as unknown as T` tells the compiler to stop checking. Say what is really
 * known instead: a type guard, a zod parse, a typed helper, or one `as` the compiler can check.
 */
const casts = {
  rules: {
    'no-double-cast': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        return {
          TSAsExpression(node) {
            const inner = node.expression;
            if (inner.type === 'TSAsExpression' && inner.typeAnnotation.type === 'TSUnknownKeyword')
              context.report({
                node,
                message:
                  '`as unknown as` switches the type checker off: use a type guard, a zod schema or a typed helper.',
              });
          },
        };
      },
    },
  },
};

const noElectron = [
  {
    name: 'electron',
    message:
      'electron/core and shared/ run in plain Node and the browser: only electron/main and electron/preload may import electron.',
  },
  {
    name: 'electron-store',
    message: 'electron-store imports electron; core receives a KeyValueStore instead (conf in Node).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'coverage/**',
      'test-results/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { casts },
    rules: { 'casts/no-double-cast': 'error' },
  },
  {
    files: [
      'electron/core/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/demo/**/*.ts',
      'electron/sandbox/**/*.ts',
      'electron/browser-host/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron,
          patterns: [
            { group: ['**/renderer/**'], message: 'core never imports the renderer.' },
            { group: ['**/main/**', '**/preload/**'], message: 'core never imports the Electron shell.' },
          ],
        },
      ],
    },
  },
  {
    // The sandbox tools and the demo that drives them sit beside core: core reaches them only through
    // the demo port it is given (electron/core/demo/port.ts), so they never load with product code.
    files: ['electron/core/**/*.ts'],
    plugins: { layering },
    rules: {
      'layering/no-import-from': [
        'error',
        [
          {
            folder: 'electron/sandbox',
            message: 'electron/core never imports the sandbox tools: use the demo port (electron/core/demo/port.ts).',
          },
          {
            folder: 'electron/demo',
            message:
              'electron/core never imports the demo module: the shell, the CLI and tests inject it as the demo port.',
          },
        ],
      ],
    },
  },
  {
    // The sandbox stands alone (it mimics other companies' servers): it runs in its own process too.
    files: ['electron/sandbox/**/*.ts'],
    plugins: { layering },
    rules: {
      'layering/no-import-from': [
        'error',
        [
          { folder: 'electron/core', message: 'The sandbox tools stand alone: they never import core.' },
          { folder: 'electron/demo', message: 'The sandbox tools stand alone: they never import the demo.' },
        ],
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron,
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ is imported by both sides and imports neither.',
            },
            { group: ['node:*'], message: 'shared/ also runs in the browser renderer: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.patchbay.' }],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer never imports electron/: use window.patchbay and shared/ types.',
            },
            { group: ['node:*'], message: 'The renderer is a sandboxed web page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // Build configuration runs in Node, not in the page.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Raw IPC lives in exactly two files: the router and the preload.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc-router.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Only electron/main/ipc-router.ts touches ipcMain.',
            },
          ],
        },
      ],
    },
  },
);
