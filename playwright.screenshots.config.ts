import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

/**
 * Captures the README's screenshots of the DaemonSet tab from the running portal:
 * `yarn playwright test --config playwright.screenshots.config.ts`.
 */
export default defineConfig({
  ...baseConfig,
  testMatch: '**/*.screens.ts',
  reporter: [['list']],
  use: { ...baseConfig.use, viewport: { width: 1440, height: 1000 } },
});
