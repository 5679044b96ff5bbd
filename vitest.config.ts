import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node 24 (the project's bundled runtime). Renderer unit tests
// opt into a DOM per file; e2e lives in Playwright, not here.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { NODE_ENV: 'test' },
  },
});
