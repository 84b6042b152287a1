import { defineConfig } from 'vitest/config';

// Integration tests start real SSH servers (sshd chrooted into Alpine,
// Dropbear) on 127.0.0.1; they need root and the Debian packages that
// .ci/install-test-hosts.sh installs. The global setup says what is missing
// and fails the run rather than letting it pass with nothing tested.
export default defineConfig({
  test: {
    include: ['**/*.int.test.ts'],
    exclude: ['node_modules/**', 'dist/**', '.tsbuild/**'],
    globalSetup: ['e2e/target/int-global-setup.ts'],
    pool: 'forks',
    // Two cores, shared: two files at a time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
