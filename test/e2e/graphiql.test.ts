import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUCKET, seedDemoBucket } from '../../src/dev/seed-demo.js';
import { acquireBrowser, blockNonLoopback, collectPageErrors, saveScreenshot } from '../helpers/browser.js';
import { startOssgraphStack } from './support/ossgraph-stack.js';
import type { OssgraphStack } from './support/ossgraph-stack.js';

const gate = await acquireBrowser();

/** A query typed into the editor: a listing of the demo bucket and one object's full metadata. */
const DEMO_QUERY = `query GraphiqlE2e {
  object(bucket: "${DEMO_BUCKET}", key: "docs/readme.md") {
    key
    contentType
    contentLanguage
    metadata {
      key
      value
    }
  }
}`;

describe.skipIf(gate.browser === undefined)('GraphiQL in Chromium, offline', () => {
  let stack: OssgraphStack;

  beforeAll(async () => {
    stack = await startOssgraphStack({ buckets: [] });
    await seedDemoBucket(stack.app.api);
  });

  afterAll(async () => {
    await gate.browser?.close();
    await stack?.close();
  });

  it('renders the editor with no request off loopback, runs a query on the demo bucket and shows metadata', async () => {
    const context = await gate.browser!.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const guard = await blockNonLoopback(context);
    const pageErrors = collectPageErrors(page);

    const response = await page.goto(`${stack.origin}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);

    // The editor renders (GraphiQL's Monaco-based query editor) with the default query.
    const editor = page.locator('.graphiql-query-editor');
    await editor.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => editor.innerText(), { timeout: 20_000 }).toContain('query');

    // Replace the query: focus the editor, select all, paste-like insert (no auto-closing brackets).
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(DEMO_QUERY);
    await expect.poll(() => editor.innerText()).toContain('GraphiqlE2e');

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('text/markdown; charset=utf-8');
    const text = await result.innerText();
    expect(text).toContain('"contentLanguage": "en"');
    expect(text).toContain('"author"');
    expect(text).toContain('"reviewed"');

    const screenshot = await saveScreenshot(page, 'graphiql.png');
    expect(screenshot).toMatch(/test-results\/graphiql\.png$/);
    expect(guard.blocked, 'GraphiQL must not load anything from outside this machine').toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
