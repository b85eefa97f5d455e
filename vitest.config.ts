import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Every test runs behind the network guard: nothing may reach beyond loopback.
    setupFiles: ['test/setup/vitest-setup.ts'],
    env: { PICKET_NETWORK_GUARD: fileURLToPath(new URL('test/setup/network-guard.mjs', import.meta.url)) },
    // Probe tests start real servers on loopback; give slow CI machines room without hiding hangs.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
