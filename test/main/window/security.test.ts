import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App, BrowserWindow, Session, WebContents } from 'electron';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy, policyForSource } from '../../../electron/main/window/content-security-policy.ts';
import { isSafeExternalUrl } from '../../../electron/main/window/external-links.ts';
import type { ContentsCreatedSource } from '../../../electron/main/window/guard-all-contents.ts';
import { createMainWindow, type MainWindowLike } from '../../../electron/main/window/main-window.ts';
import type { GuardedContents } from '../../../electron/main/window/navigation-guard.ts';
import { isRendererUrl, resolveRendererSource, type RendererSource } from '../../../electron/main/window/renderer-source.ts';
import { hardenSession, withContentSecurityPolicy, type HardenedSession } from '../../../electron/main/window/session-security.ts';
import { windowWebPreferences } from '../../../electron/main/window/web-preferences.ts';

// Compile-time: the real Electron objects satisfy the narrow shapes the glue asks for (tsc fails otherwise).
export function realObjectsFit(contents: WebContents, window: BrowserWindow, session: Session, app: App): [GuardedContents, MainWindowLike, HardenedSession, ContentsCreatedSource] {
  return [contents, window, session, app];
}
export function realConstructorFits(BrowserWindowClass: typeof BrowserWindow, source: RendererSource): BrowserWindow {
  return createMainWindow({ BrowserWindow: BrowserWindowClass, preloadPath: '/p', source, openExternal: () => undefined, isQuitting: () => false }).window;
}

const projectDir = path.resolve(import.meta.dirname, '../../..');

describe('windowWebPreferences', () => {
  it('isolates and sandboxes the renderer, without Node', () => {
    expect(windowWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('refuses an empty preload path', () => {
    expect(() => windowWebPreferences('')).toThrow(/preloadPath/);
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict in production', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(contentSecurityPolicy()).not.toContain('unsafe');
  });

  it('equals the <meta> policy in renderer/index.html, less frame-ancestors, which a <meta> ignores (with a console error)', async () => {
    const html = await readFile(path.join(projectDir, 'renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(metaContentSecurityPolicy());
    expect(metaContentSecurityPolicy()).toBe(contentSecurityPolicy().replace(" frame-ancestors 'none';", ''));
  });

  it('lets the dev server and its hot-update socket in, only in dev', () => {
    const policy = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' });
    expect(policy).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(policy).toContain("object-src 'none'");
    expect(() => contentSecurityPolicy({ devServerUrl: 'file:///x' })).toThrow(/devServerUrl/);
    expect(() => contentSecurityPolicy({ devServerUrl: 'nope' })).toThrow(/devServerUrl/);
  });

  it('follows the renderer source', () => {
    expect(policyForSource({ kind: 'file', indexPath: '/x/index.html' } as RendererSource)).toBe(contentSecurityPolicy());
    expect(policyForSource({ kind: 'dev-server', url: 'http://localhost:5173/' })).toContain("'unsafe-inline'");
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts plain web links', () => {
    expect(isSafeExternalUrl('https://example.org/status')).toBe(true);
    expect(isSafeExternalUrl('http://192.168.1.10:8080/')).toBe(true);
  });

  it('refuses other schemes, credentials and garbage', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'smb://host/share', 'picket://x', 'https://user:pw@example.org', 'https://', '', 'not a url']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('is never true for a URL whose scheme is not http(s)', () => {
    const scheme = fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/).filter((s) => s !== 'http' && s !== 'https');
    fc.assert(fc.property(scheme, fc.string(), (s, rest) => !isSafeExternalUrl(`${s}:${rest}`)));
    fc.assert(fc.property(fc.webUrl({ validSchemes: ['file', 'ftp', 'javascript', 'data', 'vscode'] }), (url) => !isSafeExternalUrl(url)));
  });

  it('is true only for strings that parse as http(s) URLs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), (candidate) => {
        if (!isSafeExternalUrl(candidate)) return true;
        const parsed = new URL(candidate);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:';
      }),
    );
  });
});

describe('renderer source', () => {
  const indexPath = path.join(projectDir, 'out/renderer/index.html');
  const fileSource = resolveRendererSource({ devServerUrl: undefined, isPackaged: true, indexPath });

  it('loads built files when packaged, even with a dev URL in the environment', () => {
    expect(resolveRendererSource({ devServerUrl: 'http://localhost:5173', isPackaged: true, indexPath })).toEqual({ kind: 'file', indexPath });
  });

  it('uses the dev server in development, only on this machine', () => {
    expect(resolveRendererSource({ devServerUrl: 'http://localhost:5173', isPackaged: false, indexPath })).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/' });
    expect(() => resolveRendererSource({ devServerUrl: 'http://evil.example', isPackaged: false, indexPath })).toThrow(/ELECTRON_RENDERER_URL/);
  });

  it('trusts files inside the renderer folder only', () => {
    expect(isRendererUrl(pathToFileURL(indexPath).href, fileSource)).toBe(true);
    expect(isRendererUrl(`${pathToFileURL(indexPath).href}#/monitors/a`, fileSource)).toBe(true);
    expect(isRendererUrl(pathToFileURL(path.join(projectDir, 'out/main/index.js')).href, fileSource)).toBe(false);
    expect(isRendererUrl(`${pathToFileURL(path.dirname(indexPath)).href}/../main/index.js`, fileSource)).toBe(false);
    expect(isRendererUrl(`${pathToFileURL(path.dirname(indexPath)).href}/%2e%2e/main/index.js`, fileSource)).toBe(false);
    expect(isRendererUrl('file://evil-host/share/index.html', fileSource)).toBe(false);
    expect(isRendererUrl('https://example.org/', fileSource)).toBe(false);
    expect(isRendererUrl('garbage', fileSource)).toBe(false);
  });

  it('trusts only the dev server origin in development', () => {
    const dev = resolveRendererSource({ devServerUrl: 'http://localhost:5173', isPackaged: false, indexPath });
    expect(isRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl(pathToFileURL(indexPath).href, dev)).toBe(false);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const calls: { request?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void; check?: (wc: unknown, permission: string) => boolean; headers?: (details: never, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void } = {};
    const session: HardenedSession = {
      setPermissionRequestHandler: (handler) => {
        if (handler) calls.request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        if (handler) calls.check = handler;
      },
      webRequest: {
        onHeadersReceived: (listener) => {
          if (listener) calls.headers = listener as unknown as typeof calls.headers;
        },
      },
    };
    return { session, calls };
  }

  it('denies every permission request and check', () => {
    const { session, calls } = fakeSession();
    hardenSession(session, contentSecurityPolicy());
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      calls.request?.(undefined, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(calls.check?.(undefined as never, permission)).toBe(false);
    }
  });

  it('sets the policy header, replacing any the response brought', () => {
    const { session, calls } = fakeSession();
    hardenSession(session, 'default-src none');
    let response: { responseHeaders?: Record<string, string[]> } = {};
    calls.headers?.({ responseHeaders: { 'content-security-policy': ['*'], 'X-Other': ['1'] } } as never, (r) => (response = r));
    expect(response.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ['default-src none'] });
  });

  it('adds the header when the response had none', () => {
    expect(withContentSecurityPolicy(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });
});
