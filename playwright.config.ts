import { defineConfig } from '@playwright/test';

/**
 * The specs that read or change the portal's example DaemonSet (`node-agent` in
 * `daemonset-demo`): daemonset-tab breaks and restores it, mcp reads its pods and logs, the
 * others read its tab. They run one at a time (project `demo`, one worker) beside the rest.
 */
const demoSpecs = [
  'daemonset-tab.test.ts',
  'mcp.test.ts',
  'portal.test.ts',
  'tab-states.test.ts',
];

/**
 * Browser tests against the running portal (started by scripts/lib/run-browser-tests.sh) in
 * Debian's Chromium: Playwright never downloads a browser here. Two workers share the portal,
 * one spec file each at a time: every spec outside `demoSpecs` owns its entities, namespaces and
 * DaemonSet names (docs/testing.md, "The browser tests run two at a time").
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 2),
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.PLAYWRIGHT_JSON_OUTPUT ?? 'test-results/browser.json',
      },
    ],
  ],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'demo', testMatch: demoSpecs, workers: 1 },
    { name: 'chromium', testIgnore: demoSpecs },
  ],
});
