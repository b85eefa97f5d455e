// `picket token show --data DIR` and `picket token rotate --data DIR` (both take --token-file FILE):
// getting serve's dashboard URL again, and replacing a token that leaked. Both print what `show` prints:
// the dashboard URL with the token when serve has recorded its address in DIR, else the token alone.
import { existsSync } from 'node:fs';
import { defaultTokenFile, readServeAddress, readToken, rotateToken, TokenFileError } from '../web/serve-token.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_INVALID, EXIT_OK } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';

export interface TokenCommandOptions {
  action: 'show' | 'rotate';
  dataDir: string;
  tokenFile?: string | undefined;
}

export function parseTokenAction(word: string | undefined): TokenCommandOptions['action'] {
  if (word === 'show' || word === 'rotate') return word;
  throw new UsageError(word === undefined ? 'token needs a subcommand: show or rotate' : `unknown token subcommand "${word}"`);
}

async function printAccess(dataDir: string, token: string, io: CliIo): Promise<void> {
  const address = await readServeAddress(dataDir);
  if (address) {
    io.stdout(`${address.origin}/#token=${token}\n`);
  } else {
    io.stdout(`${token}\n`);
    io.stderr(`picket: serve has not run on ${dataDir} yet, so its address is unknown; open it with #token=<this token> at the end\n`);
  }
}

export async function tokenCommand(options: TokenCommandOptions, io: CliIo): Promise<number> {
  // A mistyped DIR must not get a token of its own that no serve ever reads.
  if (!existsSync(options.dataDir)) {
    io.stderr(`picket: the data folder ${options.dataDir} does not exist; give the --data DIR that serve uses\n`);
    return EXIT_INVALID;
  }
  const tokenFile = options.tokenFile ?? defaultTokenFile(options.dataDir);
  try {
    if (options.action === 'rotate') {
      const token = await rotateToken(tokenFile);
      await printAccess(options.dataDir, token, io);
      io.stderr(`picket: a new access token is in ${tokenFile}; browsers signed in with the old one are signed out (a running serve switches within seconds)\n`);
      return EXIT_OK;
    }
    const token = await readToken(tokenFile);
    if (token === undefined) {
      io.stderr(`picket: there is no access token in ${tokenFile} yet: picket serve creates one when it starts (or run picket token rotate)\n`);
      return EXIT_INVALID;
    }
    await printAccess(options.dataDir, token, io);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof TokenFileError)) throw error;
    io.stderr(`picket: ${error.message}\n`);
    return EXIT_INVALID;
  }
}
