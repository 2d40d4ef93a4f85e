import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const __dirname = dirname(fileURLToPath(import.meta.url));
const lib = (name: string) => resolve(__dirname, 'libs', name, 'src');

export default defineConfig({
  plugins: [
    // SWC keeps decorator metadata, which Nest's dependency injection needs.
    swc.vite({
      swcrc: false,
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
    }),
  ],
  resolve: {
    alias: {
      '@stratum/migrations': resolve(__dirname, 'migrations'),
      ...Object.fromEntries(
        [
          'common',
          'config',
          'database',
          'tenancy',
          'rbac',
          'identity',
          'platform',
          'projects',
          'devenv',
          'mail',
          'audit',
          'webhooks',
          'sso',
        ].map((n) => [`@stratum/${n}`, lib(n)]),
      ),
    },
  },
  test: {
    include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'migrations/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
