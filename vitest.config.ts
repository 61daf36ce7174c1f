import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // The e2e tests spawn the CLI; on a loaded 2-core machine one spawn can take seconds. A hang
    // still fails, just later.
    testTimeout: 60_000,
    globalSetup: ['test/helpers/tools-setup.ts'],
  },
});
