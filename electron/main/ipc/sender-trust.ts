// Only the app's own renderer may call the engine: an injected iframe or a page that somehow navigated
// elsewhere gets nothing, so the request handler checks the sender frame before anything else.
import { isRendererUrl, type RendererSource } from '../window/renderer-source.ts';

/** The part of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  url: string;
  /** Null for a top-level frame; sub-frames are never trusted. */
  parent: unknown;
}

export type SenderCheck = (frame: SenderFrame | null | undefined) => boolean;

export function trustRendererFrames(source: RendererSource): SenderCheck {
  return (frame) => frame !== null && frame !== undefined && frame.parent === null && isRendererUrl(frame.url, source);
}
