/** Finding what a page would load from other hosts. */

/** URL positions that make a browser fetch: attributes, CSS `url()`, `@import`, JS `import`/`import()`. */
const LOADING_POSITIONS = [
  /\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*((?:https?:)?\/\/[^\s"'<>)]+)/gi,
  /url\(\s*["']?\s*((?:https?:)?\/\/[^\s"')]+)/gi,
  /@import\s+(?:url\()?\s*["']\s*((?:https?:)?\/\/[^\s"')]+)/gi,
  /\bimport\s*(?:\(\s*)?(?:[\w*{}\s,]+from\s*)?["']\s*((?:https?:)?\/\/[^\s"']+)/gi,
  /\b(?:fetch|importScripts|new\s+Worker)\s*\(\s*["']\s*((?:https?:)?\/\/[^\s"']+)/gi,
];

/** True for a URL on this machine (127.0.0.1, localhost, [::1]). */
function isLoopback(url: string): boolean {
  const host = new URL(url.startsWith('//') ? `http:${url}` : url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * The URLs in `html` that a browser would fetch from a host other than this machine, in order of
 * appearance. Plain text mentioning a URL is not a reference.
 */
export function externalReferences(html: string): string[] {
  const found: Array<{ index: number; url: string }> = [];
  for (const pattern of LOADING_POSITIONS) {
    for (const match of html.matchAll(pattern)) {
      const url = match[1];
      if (url !== undefined && !isLoopback(url)) found.push({ index: match.index, url });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.url);
}
