import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: false,
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests build the full code set; two cores are all CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
