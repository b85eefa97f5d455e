// What makes `serve` fit for a home server, around the web server itself: the durable token (and its
// rotation while running), the same port as last time, one-line errors for a port that cannot be bound,
// and the warning when --listen leaves loopback.
import { describeListenError, isLoopbackAddress, listenWarning, LOOPBACK_LISTEN } from '../web/listen-address.ts';
import { defaultTokenFile, loadOrCreateToken, looseModeWarning, readServeAddress, recordServeAddress, TokenFileError, watchToken } from '../web/serve-token.ts';
import type { WebServer } from '../web/web-server.ts';
import type { CliIo } from './cli-io.ts';

export interface ServeHomeOptions {
  dataDir: string;
  /** 0: the last run's port when it is free, else any free one. */
  port: number;
  /** An IP address (--listen, already checked); 127.0.0.1 when absent. */
  listen: string | undefined;
  publicUrl: URL | undefined;
  /** --token-file; DIR/serve-token when absent. */
  tokenFile: string | undefined;
}

export interface ServeNetwork {
  token: string;
  port: number;
  listen: string;
  publicUrl?: URL;
}

export interface ServeHome {
  server: WebServer;
  /** The lines on stderr that say where serve is and how to get its URL again. */
  announce(): void;
  stop(): void;
}

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** Starts the web server as a home server wants it; undefined when it cannot (the reason is already on stderr). */
export async function startServeHome(options: ServeHomeOptions, start: (network: ServeNetwork) => Promise<WebServer>, io: CliIo): Promise<ServeHome | undefined> {
  const tokenFile = options.tokenFile ?? defaultTokenFile(options.dataDir);
  const listen = options.listen ?? LOOPBACK_LISTEN;
  let token: string;
  try {
    ({ token } = await loadOrCreateToken(tokenFile));
    const loose = await looseModeWarning(tokenFile);
    if (loose) io.stderr(`picket: ${loose}\n`);
  } catch (error) {
    if (!(error instanceof TokenFileError)) throw error;
    io.stderr(`picket: ${error.message}\n`);
    return undefined;
  }

  // Bookmarks name the port: without --port, keep last run's when nobody took it meanwhile.
  const lastPort = options.port === 0 ? (await readServeAddress(options.dataDir))?.port : undefined;
  const network = (port: number): ServeNetwork => ({ token, port, listen, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) });
  let server: WebServer;
  try {
    server = await start(network(lastPort ?? options.port)).catch((error: unknown) => {
      // Only a port serve chose itself is given up; one the user asked for (--port) is an error.
      if (lastPort === undefined || !['EADDRINUSE', 'EACCES'].includes(errorCode(error) ?? '')) throw error;
      io.stderr(`picket: port ${lastPort}, used last time, is not available now; serving on another (old bookmarks will not work; --port keeps one port)\n`);
      return start(network(0));
    });
  } catch (error) {
    const line = describeListenError(error, { listen, port: lastPort ?? options.port });
    if (line === undefined) throw error;
    io.stderr(`picket: ${line}\n`);
    return undefined;
  }

  try {
    await recordServeAddress(options.dataDir, { origin: server.origin, port: server.port });
  } catch (error) {
    io.stderr(`picket: warning: cannot record serve's address in ${options.dataDir} (${errorCode(error) ?? String(error)}); picket token show will print the token alone\n`);
  }
  const stopWatching = watchToken(
    tokenFile,
    (next) => {
      if (next === server.token) return;
      server.setToken(next);
      io.stderr(`picket: the access token in ${tokenFile} changed; browsers signed in with the old one are signed out\n`);
    },
    (problem) => io.stderr(`picket: warning: ${problem}\n`),
  );

  return {
    server,
    announce: () => {
      const warning = listenWarning(listen);
      if (warning) io.stderr(`picket: ${warning}\n`);
      const where = options.publicUrl
        ? `through the reverse proxy, which forwards to port ${server.port} on ${listen}`
        : `(${isLoopbackAddress(listen) ? `${listen} only` : `listening on ${listen}`})`;
      io.stderr(`picket: serving on ${server.origin} ${where}; Ctrl-C to stop\n`);
      const show = `picket token show --data ${options.dataDir}${options.tokenFile ? ` --token-file ${options.tokenFile}` : ''}`;
      io.stderr(`picket: the access token is kept in ${tokenFile}; ${show} prints this address again\n`);
    },
    stop: stopWatching,
  };
}
