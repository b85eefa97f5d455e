// The `picket` program: the entry of out/cli/picket.mjs. main.ts holds the commands so tests can call them
// in-process; this file only connects them to the real process (argv, streams, exit code).
import { main } from './main.ts';
import { processIo } from './cli-io.ts';

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`picket: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
