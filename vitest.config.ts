import { defineConfig } from 'vitest/config';

// Two projects: node-side code (api, scripts, migrations, test/) and the SvelteKit app, which has
// its own config because sveltejs/kit's vite plugin forces the root (STACK.md).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['api/src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      './web/vitest.config.ts',
    ],
  },
});
