import { defineConfig } from 'vitest/config';

// The live conformance run (npm run test:live): only *.live.ts files, with room for the
// rate limit (50 requests a minute) to pace the suite.
export default defineConfig({
  test: {
    include: ['test/**/*.live.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
