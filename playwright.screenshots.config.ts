import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

/**
 * Captures the README's screenshots of the DaemonSet tab and wizard from the running portal:
 * `yarn playwright test --config playwright.screenshots.config.ts [tab.screens|wizard.screens]`.
 */
export default defineConfig({
  ...baseConfig,
  // One project of its own: the base config's projects would run every browser test.
  projects: [{ name: 'screens', testMatch: '**/*.screens.ts' }],
  workers: 1,
  reporter: [['list']],
  use: { ...baseConfig.use, viewport: { width: 1440, height: 1000 } },
});
