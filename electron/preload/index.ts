// The sandboxed preload: exposes window.picket and nothing else (never ipcRenderer itself).
import { contextBridge, ipcRenderer } from 'electron';
import { createPicketBridge } from './picket-bridge.ts';

contextBridge.exposeInMainWorld('picket', createPicketBridge(ipcRenderer));
