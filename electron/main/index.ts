// The Electron entry point: hands the real Electron objects to the composition root (picket-app.ts).
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, Notification, Tray, app, ipcMain, nativeTheme, net, powerMonitor, safeStorage, session, shell } from 'electron';
import { startPicketApp } from './picket-app.ts';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
// In a packaged app assets/ sits next to out/ inside the ASAR; in development at the project root.
const assetsDir = path.join(app.getAppPath(), 'assets');

startPicketApp(
  {
    app,
    BrowserWindow,
    Tray,
    Menu,
    Notification,
    nativeTheme,
    powerMonitor,
    net,
    ipcMain,
    shell,
    session,
    safeStorage,
  },
  {
    mainDir,
    assetsDir,
    platform: process.platform,
    argv: process.argv,
    env: process.env,
    configHome: process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'),
  },
).catch((error: unknown) => {
  console.error('picket: failed to start:', error);
  app.exit(1);
});
