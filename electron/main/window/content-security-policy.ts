// The renderer's Content-Security-Policy, one function for both the response header and the <meta> in
// renderer/index.html (less the header-only directives), so the two never drift apart (a test compares them).

export interface PolicyOptions {
  /** Dev only: the electron-vite dev server origin, which serves scripts and pushes hot updates over a WebSocket. */
  devServerUrl?: string;
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // React sets inline styles through the CSSOM, which CSP allows, so no 'unsafe-inline' in production.
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'none'"],
  };
  if (options.devServerUrl !== undefined) {
    const origin = devOrigin(options.devServerUrl);
    const socket = origin.replace(/^http/, 'ws');
    // Vite injects the React refresh preamble and CSS as inline tags in dev; never in a built app.
    directives['script-src'] = ["'self'", "'unsafe-inline'", origin];
    directives['style-src'] = ["'self'", "'unsafe-inline'", origin];
    directives['connect-src'] = ["'self'", origin, socket];
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

// Browsers ignore these in a <meta> policy and log an error for each: they only act as a response header.
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The production policy as renderer/index.html's <meta> carries it: the header-only directives left out. */
export function metaContentSecurityPolicy(): string {
  return contentSecurityPolicy()
    .split('; ')
    .filter((directive) => !HEADER_ONLY_DIRECTIVES.has(directive.split(' ')[0] ?? ''))
    .join('; ');
}

function devOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`devServerUrl: ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`devServerUrl: must be http(s), got ${parsed.protocol}`);
  return parsed.origin;
}

/** The policy for where the renderer comes from: strict for built files, the dev exceptions for the dev server. */
export function policyForSource(source: { kind: 'file' } | { kind: 'dev-server'; url: string }): string {
  return source.kind === 'dev-server' ? contentSecurityPolicy({ devServerUrl: source.url }) : contentSecurityPolicy();
}
