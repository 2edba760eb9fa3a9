import { defineConfig } from 'vitest/config';

/** Pact contract tests: run in order by `npm run test:contract` (consumer first, then provider). */
export default defineConfig({
  test: {
    include: ['test/checking-pacts/**/*.contract.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
