// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bin/', 'src/core/analysis/model/*.generated.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The pure core must not do I/O: no Node built-ins that touch files, network or processes.
    files: ['src/core/**/*.ts'],
    // Test code (tests and their shared helpers, excluded from the build) may read files.
    ignores: ['src/core/**/*.test.ts', 'src/core/**/test-helpers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'http', 'https', 'net', 'os'],
              message: 'src/core is pure: no I/O. Put I/O in an adapter (src/cli, src/adapters).',
            },
            { group: ['**/cli/**', '**/adapters/**'], message: 'core must not depend on adapters' },
          ],
        },
      ],
    },
  },
  {
    // vite's types reach lightningcss, whose `node/` folder import-x's legacy resolver takes for a
    // resolver plugin (and crashes); cycles inside dependencies are not ours to find anyway.
    files: ['vite.config.ts'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
