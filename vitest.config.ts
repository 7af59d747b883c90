import { defineConfig } from 'vitest/config';

// Why a default export: vitest loads its configuration that way (DESIGN.md §11.3).
export default defineConfig({
  resolve: {
    // Why: graphql ships CJS (`index.js`) and ESM (`index.mjs`). Node loads packages such as Pothos
    // and @apollo/subgraph with the CJS build, while Vite would give our sources the ESM one, and
    // graphql refuses types from "another realm". One build for everyone.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start their own servers on port 0; files may run in parallel.
    pool: 'forks',
  },
});
