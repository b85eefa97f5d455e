// The Electron transport of the contract: one invoke channel for every request, one send channel for
// every event. Each request is checked (sender frame, then payload) before the service sees it.
import type { IpcEnvelope } from '../../shared/bridge.ts';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../shared/bridge.ts';
import { EVENT_NAMES } from '../../shared/contract.ts';
import { dispatchRequest, type ContractHandler } from '../../shared/contract-dispatch.ts';
import type { SenderCheck, SenderFrame } from './sender-trust.ts';

export type { ContractHandler } from '../../shared/contract-dispatch.ts';

/** The part of Electron's ipcMain the transport uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of a BrowserWindow events are sent through. */
export interface EventWindow {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  handler: ContractHandler;
  isTrustedSender: SenderCheck;
  /** BrowserWindow.getAllWindows: events go to every open window. */
  getWindows: () => readonly EventWindow[];
}

export const FOREIGN_SENDER_MESSAGE = 'request refused: the sender is not the Picket window';

/** Registers both channels; the returned function removes them (for tests and for shutdown). */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, handler, isTrustedSender, getWindows } = options;

  ipcMain.handle(REQUEST_CHANNEL, async (event, name, params): Promise<IpcEnvelope> => {
    // A foreign frame learns nothing about the contract, so it gets a plain rejection, not an envelope.
    if (!isTrustedSender(event.senderFrame)) throw new Error(FOREIGN_SENDER_MESSAGE);
    return dispatchRequest(handler, name, params);
  });

  const unsubscribes = EVENT_NAMES.map((name) =>
    handler.on(name, (payload) => {
      for (const window of getWindows()) {
        if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
        window.webContents.send(EVENT_CHANNEL, name, payload);
      }
    }),
  );

  return () => {
    ipcMain.removeHandler(REQUEST_CHANNEL);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
