import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import of any of these folders from a file that must not depend on them. */
function forbid(folders, why) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: folders.map((folder) => ({
          group: [`**/${folder}`, `**/${folder}/**`, `${folder}/**`],
          message: why,
        })),
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-output/',
      'bench-output/',
      'scratch/',
      'scripts/bench-peers/cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The component boundaries of docs/architecture: the client and the mock meet only in the
  // contract, the tests and tools/; nothing in the product imports the tools.
  {
    files: ['src/**'],
    rules: forbid(
      ['mock-server', 'fixtures', 'tools'],
      'The reference client imports neither the mock, its data model nor the tools.',
    ),
  },
  {
    files: ['mock-server/**'],
    rules: forbid(['src', 'tools'], 'The mock imports neither the reference client nor the tools.'),
  },
  {
    files: ['fixtures/**'],
    rules: forbid(
      ['src', 'tools', 'mock-server'],
      'The data model is pure: it imports neither the mock, the client nor the tools.',
    ),
  },
);
