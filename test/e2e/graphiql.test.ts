import type { Locator } from 'playwright-core';
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

/** The text of a Monaco editor area, with the non-breaking spaces it renders turned into spaces. */
async function editorText(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\u00a0/g, ' ');
}

describe.skipIf(gate.browser === undefined)('GraphiQL in Chromium, offline', () => {
  let stack: OssgraphStack;

  beforeAll(async () => {
    // GraphiQL and the introspection it sends are off by default (as in `npm run serve`).
    stack = await startOssgraphStack({ buckets: [], env: { OSSGRAPH_GRAPHIQL: 'true', OSSGRAPH_INTROSPECTION: 'true' } });
    await seedDemoBucket(stack.app.api);
  });

  afterAll(async () => {
    await gate.browser?.close();
    await stack?.close();
  });

  // Why 90 s: the offline page inlines GraphiQL and Monaco (about 9 MB), slow on a loaded CI machine.
  it('renders the editor with no request off loopback, runs a query on the demo bucket and shows metadata', { timeout: 90_000 }, async () => {
    const context = await gate.browser!.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const guard = await blockNonLoopback(context);
    const pageErrors = collectPageErrors(page);

    // Why `?query=`: GraphiQL opens with the query of its URL (how GraphiQL links are shared);
    // typing into the Monaco editor would fight its auto-closing brackets.
    const url = `${stack.origin}/graphql?query=${encodeURIComponent(DEMO_QUERY)}`;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);

    // The editor renders (GraphiQL's Monaco-based query editor) with our query in it.
    const editor = page.locator('.graphiql-query-editor');
    await editor.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => editorText(editor), { timeout: 20_000 }).toContain('query GraphiqlE2e');

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await expect.poll(() => editorText(result), { timeout: 20_000 }).toContain('"contentType": "text/markdown; charset=utf-8"');
    const text = await editorText(result);
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
