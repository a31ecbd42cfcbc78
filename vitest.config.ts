import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Three tiers, one command (`npm test` runs them all):
 * - unit: pure functions and the schema; no database, no JVM (`npm test -- --project unit` answers in seconds);
 * - integration: the API and the scripts against a real, throwaway Neo4j the global setup starts;
 * - browser: the explorer in Debian's Chromium against the same kind of database.
 */
export default defineConfig({
  // One graphql instance for the app and its libraries (graphql ships CJS and ESM builds; without this
  // the test runner could load both and `instanceof GraphQLError` would differ from production).
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    env: { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    reporters: ['default'],
    pool: 'forks',
    // Against an external database (NEO4J_URI) every project shares one graph, and a few tests change it for
    // a moment (migration 007's test, the curated reload): files then run one at a time. With the embedded
    // default each project has its own throwaway Neo4j and files run in parallel.
    fileParallelism: !process.env.NEO4J_URI,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 10_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
