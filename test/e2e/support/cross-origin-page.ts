import { readFile } from 'node:fs/promises';
import { startPageServer } from './page-server.js';
import type { PageServer } from './page-server.js';

const PAGE_DIR = new URL('./cross-origin-page/', import.meta.url);

/**
 * Serves the cross-origin frontend (an HTML page and its unbundled ES module) from its own
 * loopback origin. Start two to get an allowed and a refused origin.
 */
export async function startCrossOriginPage(): Promise<PageServer> {
  const [html, script] = await Promise.all([
    readFile(new URL('index.html', PAGE_DIR), 'utf8'),
    readFile(new URL('app.js', PAGE_DIR), 'utf8'),
  ]);
  return startPageServer({
    '/': { contentType: 'text/html; charset=utf-8', body: html },
    '/app.js': { contentType: 'text/javascript; charset=utf-8', body: script },
  });
}
