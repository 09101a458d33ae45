import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'fuzz/**/*.test.ts',
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
