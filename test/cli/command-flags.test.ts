// Each command takes only its own flags: a misspelt or ignored flag is an error with a suggestion, exit 3.
import { describe, expect, it } from 'vitest';
import { checkCommandFlags, suggestFlag } from '../../electron/cli/command-flags.ts';
import { runCli } from './cli-process.ts';

describe('command flags', () => {
  it('suggests the closest flag for a typo, and nothing for a stranger', () => {
    expect(suggestFlag('--confg', ['config', 'data', 'json'])).toBe('config');
    expect(suggestFlag('jsn', ['config', 'data', 'json'])).toBe('json');
    expect(suggestFlag('--dns-sever', ['dns-server', 'data'])).toBe('dns-server');
    expect(suggestFlag('--colour', ['config', 'data', 'json'])).toBeUndefined();
  });

  it('refuses a flag the command would ignore', () => {
    expect(() => checkCommandFlags('check', ['config', 'data'])).toThrow('check does not take --data');
    expect(() => checkCommandFlags('serve', ['data', 'json'])).toThrow('serve does not take --json');
    expect(() => checkCommandFlags('check', ['config', 'json', 'resolve', 'connect-to', 'dns-server', 'ca'])).not.toThrow();
    expect(() => checkCommandFlags('run', ['data'])).not.toThrow();
  });

  it.each([
    [['check', '--confg', 'x.json'], 'picket: unknown option --confg; did you mean --config?'],
    [['check', '--config', 'x.json', '--data', 'd'], 'picket: check does not take --data'],
    [['check', '--config', 'x.json', '--port', '80'], 'picket: check does not take --port'],
    [['matrix', 'discover', 'example.org', '--config', 'x.json'], 'picket: matrix discover does not take --config'],
  ])('picket %j exits 3 with one clear line', async (args, line) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(line);
  });
});
