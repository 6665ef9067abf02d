import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Nest 12 ships ESM only; vitest runs ESM natively. SWC (not esbuild) compiles the tests
// because Nest's dependency injection needs `emitDecoratorMetadata`, which esbuild lacks.
export default defineConfig({
  plugins: [swc.vite({ swcrc: true })],
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
  },
});
