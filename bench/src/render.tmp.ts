import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
(async () => {
  const script = readFileSync('.results/page.js', 'utf8');
  const status = readFileSync('.results/status-100.json', 'utf8');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  page.on('console', m =>
    console.log('console', m.type(), m.text().slice(0, 300)),
  );
  page.on('pageerror', e => console.log('pageerror', e.message.slice(0, 300)));
  await page.route('http://bench.local/**', route => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/page.js')
      return route.fulfill({ body: script, contentType: 'text/javascript' });
    if (path === '/status.js')
      return route.fulfill({
        body: `window.__STATUS__=${status};`,
        contentType: 'text/javascript',
      });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html><body><div id="root"></div><script src="/status.js"></script><script src="/page.js"></script></body></html>',
    });
  });
  await page.goto('http://bench.local/');
  try {
    const h = await page.waitForFunction(
      () => (window as any).__RENDER_MS__,
      undefined,
      { timeout: 20000 },
    );
    console.log('render ms', JSON.stringify(await h.jsonValue()));
  } catch (e) {
    console.log(String(e).slice(0, 200));
  }
  console.log((await page.content()).slice(0, 500));
  await page.screenshot({ path: '.results/render-100.png' });
  await browser.close();
})();
