// Debian's Chromium driven by playwright-core, headless, with the flags this sandbox needs (no network
// chatter of its own: every connection it makes is to our loopback server). Playwright gives each launch
// a fresh, empty profile of its own.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env['PICKET_CHROMIUM'] ?? '/usr/bin/chromium';

export interface LaunchedBrowser {
  browser: Browser;
  newContext(options?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; ignoreHTTPSErrors?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** extraArgs: e.g. --host-resolver-rules=MAP picket.test 127.0.0.1, so a made-up name stays on loopback. */
export async function launchBrowser(extraArgs: string[] = []): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  return {
    browser,
    newContext: (options = {}) =>
      browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
        ...(options.ignoreHTTPSErrors ? { ignoreHTTPSErrors: true } : {}),
      }),
    close: () => browser.close(),
  };
}
