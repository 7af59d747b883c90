import { afterAll, describe, expect, it } from 'vitest';
import { acquireBrowser, blockNonLoopback, saveScreenshot } from '../helpers/browser.js';
import { startPageServer } from './support/page-server.js';
import type { PageServer } from './support/page-server.js';

const gate = await acquireBrowser();

describe.skipIf(gate.browser === undefined)('Chromium smoke', () => {
  const servers: PageServer[] = [];

  afterAll(async () => {
    await gate.browser?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  it('renders a loopback page, runs its module script and blocks the outside world', async () => {
    const server = await startPageServer({
      '/': {
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><title>smoke</title><button id="go">go</button><p id="out"></p>
<img src="https://example.invalid/pixel.png" alt="">
<script type="module" src="/app.js"></script>`,
      },
      '/app.js': {
        contentType: 'text/javascript',
        body: `document.querySelector('#go').addEventListener('click', () => {
  document.querySelector('#out').textContent = 'clicked ' + location.origin;
});`,
      },
    });
    servers.push(server);
    const context = await gate.browser!.newContext();
    const page = await context.newPage();
    const guard = await blockNonLoopback(page);
    await page.goto(server.url('/'));
    await page.click('#go');
    await expect.poll(() => page.textContent('#out')).toBe(`clicked ${server.origin}`);
    await saveScreenshot(page, 'chromium-smoke.png');
    // The guard must be able to fail: the page asks for one outside image.
    expect(guard.blocked).toEqual(['https://example.invalid/pixel.png']);
    expect(server.requests).toEqual(['GET /', 'GET /app.js']);
    await context.close();
  });
});
