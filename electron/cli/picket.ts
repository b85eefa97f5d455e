// The `picket` program: the entry of out/cli/picket.mjs. main.ts holds the commands so tests can call them
// in-process; this file only connects them to the real process (argv, streams, exit code).
import { processIo } from './cli-io.ts';

const MINIMUM_NODE = [22, 12] as const;

/** Older Node fails deep inside a dependency (undici 8) with a stack trace: say what is wrong instead. */
function nodeIsRecentEnough(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
}

if (!nodeIsRecentEnough()) {
  process.stderr.write(`picket: needs Node ${MINIMUM_NODE.join('.')} or newer; this is Node ${process.versions.node}\n`);
  process.exitCode = 3;
} else {
  // Loaded only now, so that nothing of the engine runs on a Node too old for it.
  const { main } = await import('./main.ts');
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`picket: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
