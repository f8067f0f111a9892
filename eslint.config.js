import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build output, installs and what the project's own scripts create (virtual envs, demo / train output, screenshots).
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.venv*/**',
      'artifacts/**',
      '.driftguard*/**',
      'driftguard-model/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
