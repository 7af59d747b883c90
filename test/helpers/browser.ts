import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Chromium command-line flags that work on our machines: headless, no sandbox (CI runs as root),
 * and no background traffic (update checks, sync, QUIC probes) that a closed network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Executable names tried on `PATH`, in order; Debian's package installs `chromium`. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser'] as const;

/** Where screenshots and other browser artifacts go (ignored by git). */
export const TEST_RESULTS_DIR = resolve(import.meta.dirname, '..', '..', 'test-results');

/**
 * Finds a Chromium executable like `which chromium`: `CHROMIUM_PATH` when set, else the first of
 * `chromium` / `chromium-browser` on `PATH`. Returns undefined when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit !== undefined && explicit !== '') return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of CHROMIUM_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when the environment says we run in CI, where browser tests must run, not skip. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Launches headless Chromium with {@link CHROMIUM_ARGS}. Throws a message naming the executable
 * and the cause when it cannot start.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  } catch (error) {
    throw new Error(`Chromium at ${executablePath} could not start: ${String(error)}`, { cause: error });
  }
}

/** The outcome of {@link acquireBrowser}: a running browser, or why the suite is skipped. */
export type BrowserGate =
  | { readonly browser: Browser; readonly skipReason?: undefined }
  | { readonly browser?: undefined; readonly skipReason: string };

/**
 * Starts Chromium for a browser test file, deciding between fail and skip.
 *
 * In CI (`CI` set) a missing or broken Chromium throws, so the file fails. Elsewhere it returns a
 * `skipReason` (also printed once) and the caller skips its suite with `describe.skipIf`.
 * The caller closes the browser in `afterAll`.
 */
export async function acquireBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserGate> {
  const executablePath = findChromium(env);
  if (executablePath === undefined) {
    const explicit = env['CHROMIUM_PATH'];
    const message =
      explicit !== undefined && explicit !== ''
        ? `browser tests need Chromium: CHROMIUM_PATH=${explicit} is not an executable`
        : 'browser tests need Chromium: none found on PATH (tried chromium, chromium-browser; ' +
          'set CHROMIUM_PATH or run `apt-get install -y chromium`)';
    if (isCi(env)) throw new Error(`${message}; CI is set, so this is a failure, not a skip`);
    console.warn(`[e2e] skipping: ${message}`);
    return { skipReason: message };
  }
  try {
    return { browser: await launchChromium(executablePath) };
  } catch (error) {
    if (isCi(env)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[e2e] skipping: ${message}`);
    return { skipReason: message };
  }
}

/** Hosts a browser test may talk to. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for URLs that stay on this machine (loopback hosts, data:, blob:, about:). */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return LOOPBACK_HOSTS.has(parsed.hostname);
}

/** URLs a guard saw leaving loopback; the test asserts the list is empty. */
export interface NetworkGuard {
  /** Every non-loopback URL the page attempted, in order. */
  readonly blocked: readonly string[];
}

/**
 * Aborts every request whose host is not loopback and records its URL.
 *
 * Why not for CORS tests: while any route is installed, Playwright answers CORS preflights itself
 * with allow-everything headers, so the server's preflight handling is never exercised. Use
 * {@link watchLoopback} on pages whose CORS behaviour is under test.
 */
export async function blockNonLoopback(target: Page | BrowserContext): Promise<NetworkGuard> {
  const blocked: string[] = [];
  await target.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) {
      await route.continue();
    } else {
      blocked.push(url);
      await route.abort('blockedbyclient');
    }
  });
  return { blocked };
}

/**
 * Records (without intercepting) every non-loopback request a page makes, so preflights still
 * reach the real server. The closed network of our machines refuses such requests anyway.
 */
export function watchLoopback(target: Page | BrowserContext): NetworkGuard {
  const blocked: string[] = [];
  target.on('request', (request) => {
    const url = request.url();
    if (!isLoopbackUrl(url)) blocked.push(url);
  });
  return { blocked };
}

/**
 * Saves a full-page PNG screenshot under `test-results/`, prints its path and returns it.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(TEST_RESULTS_DIR, { recursive: true });
  const path = join(TEST_RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`[e2e] screenshot: ${path}`);
  return path;
}

/**
 * Collects a page's console errors and uncaught exceptions, for failure messages.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
