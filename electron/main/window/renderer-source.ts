// Where the renderer comes from: the app's own built files, or the electron-vite dev server while
// developing. Every trust decision (navigation, IPC senders) asks isRendererUrl, so it lives here once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type RendererSource = { kind: 'file'; indexPath: string } | { kind: 'dev-server'; url: string };

export interface RendererSourceInput {
  /** process.env['ELECTRON_RENDERER_URL'], set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  /** app.isPackaged: a packaged app never loads a URL taken from the environment. */
  isPackaged: boolean;
  /** Absolute path of the built renderer/index.html (out/renderer/index.html). */
  indexPath: string;
}

export function resolveRendererSource(input: RendererSourceInput): RendererSource {
  if (!input.isPackaged && input.devServerUrl) {
    const url = new URL(input.devServerUrl);
    if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
      throw new Error(`ELECTRON_RENDERER_URL: must be an http URL on this machine, got ${input.devServerUrl}`);
    }
    return { kind: 'dev-server', url: url.href };
  }
  if (!path.isAbsolute(input.indexPath)) throw new Error(`indexPath: must be absolute, got ${input.indexPath}`);
  return { kind: 'file', indexPath: input.indexPath };
}

/** True only for a page of the app's own renderer: a file inside its folder, or the dev server's origin. */
export function isRendererUrl(url: string, source: RendererSource): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (source.kind === 'dev-server') return parsed.origin === new URL(source.url).origin;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let filePath: string;
  try {
    filePath = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const relative = path.relative(path.dirname(source.indexPath), filePath);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
