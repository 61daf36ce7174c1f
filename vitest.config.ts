import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    globalSetup: ['test/helpers/tools-setup.ts'],
  },
});
