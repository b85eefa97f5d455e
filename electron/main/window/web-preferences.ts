// The window's webPreferences, straight from Electron's security checklist: the renderer gets no Node,
// runs sandboxed in its own JavaScript world and reaches the app only through the preload's bridge.
import type { WebPreferences } from 'electron';

export function windowWebPreferences(preloadPath: string): WebPreferences {
  if (!preloadPath) throw new Error('preloadPath: must be the absolute path of the built preload script');
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}
