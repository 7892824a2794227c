import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'tests/**/*.test.ts'],
    globals: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
