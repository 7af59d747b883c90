import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
const require = createRequire(import.meta.url);
export default defineConfig({
  root: '/work/main',
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql', { paths: ['/work/main'] }) }] },
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks' },
});
