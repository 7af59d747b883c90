import { defineConfig } from 'vitest/config';

// Why a default export: vitest loads its configuration that way (DESIGN.md §11.3).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start their own servers on port 0; files may run in parallel.
    pool: 'forks',
  },
});
