// command: runs a local program with its arguments as given, never through a shell, with a timeout. The
// alert arrives on stdin as the generic webhook body; exit status 0 means delivered.
import { spawn } from 'node:child_process';
import type { CommandChannel } from '../../../shared/channel-types.ts';
import { genericBody } from '../alert-message.ts';
import { DeliveryError, type ChannelProvider } from './channel-provider.ts';

const DEFAULT_TIMEOUT_SECONDS = 30;
const MAX_OUTPUT = 4096;

export const commandProvider: ChannelProvider<CommandChannel> = {
  type: 'command',
  send(config, delivery, { signal }) {
    const [program, ...args] = config.argv as [string, ...string[]];
    const timeoutMs = (config.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    return new Promise<string>((resolve, reject) => {
      const child = spawn(program, args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: timeoutMs, killSignal: 'SIGKILL' });
      let output = '';
      const keep = (data: Buffer): void => {
        if (output.length < MAX_OUTPUT) output += String(data);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.stdin.on('error', () => undefined); // a program that never reads stdin is not an error in itself
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(new DeliveryError(error.code === 'ENOENT' ? `${program}: no such program` : error.code === 'EACCES' ? `${program}: not executable` : `${program}: ${error.message}`));
      });
      child.once('close', (code, killedBy) => {
        const said = output.trim().split('\n').slice(-3).join(' / ').slice(0, 300);
        if (code === 0) resolve(said === '' ? 'exit 0' : `exit 0: ${said}`);
        else if (killedBy !== null) reject(new DeliveryError(`${program} was stopped (${killedBy}) after ${timeoutMs / 1000} s or on shutdown`));
        else reject(new DeliveryError(`${program} exited with ${code ?? '?'}${said === '' ? '' : `: ${said}`}`));
      });
      child.stdin.end(`${JSON.stringify(genericBody(delivery))}\n`);
    });
  },
};
