#!/usr/bin/env node
// `npm start` and `npm run dev` run this first. Electron 45 fetches its binary lazily, the first time the
// `electron` package is required, and electron-vite never requires it: so this makes sure the binary is
// there, using Electron's own installer, and turns a failed download into one clear message.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { installedElectronPath } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));

const installed = () => installedElectronPath({ electronDir }) !== undefined;

const DEFAULT_BASE = 'https://github.com/electron/electron/releases/download/';

/** Electron's installer prints only "fetch failed": find out what is wrong by trying the server ourselves. */
async function probe(baseUrl) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    return `the mirror address "${baseUrl}" is not a URL`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'http:' ? 80 : 443));
  try {
    await lookup(host);
  } catch {
    return `${host} could not be resolved (no network, or no DNS)`;
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 10_000 });
    const done = (why) => {
      socket.destroy();
      resolve(why);
    };
    socket.once('connect', () => done(undefined));
    socket.once('timeout', () => done(`the connection to ${host}:${port} timed out (no network, or a firewall)`));
    socket.once('error', (error) => {
      if (error.code === 'ECONNREFUSED') done(`the connection to ${host}:${port} was refused`);
      else if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') done(`${host} is unreachable (no network)`);
      else done(`${host}:${port}: ${error.message}`);
    });
  });
}

/** Why the download failed, in words: what the installer said where it is clear, else what a probe finds. */
async function cause(output, baseUrl) {
  if (/\b404\b/.test(output)) return 'the server has no such file (HTTP 404)';
  if (/checksum|sha256/i.test(output)) return 'the downloaded file did not match its checksum';
  if (/self[- ]signed|UNABLE_TO_VERIFY|certificate/i.test(output)) return 'the server\'s certificate was not trusted (a proxy that intercepts HTTPS?)';
  const found = await probe(baseUrl);
  if (found !== undefined) return found;
  const firstLine = output.split('\n').find((line) => line.trim() !== '' && !/^\s+at /.test(line));
  return firstLine ? firstLine.trim() : 'the installer failed';
}

if (!installed()) {
  process.stderr.write(`Downloading Electron ${version} (once)...\n`);
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status !== 0 || !installed()) {
    const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror;
    const proxy = process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY || process.env.http_proxy;
    const lines = [
      `picket: Electron ${version} could not be downloaded: ${await cause(`${result.stderr ?? ''} ${result.error?.message ?? ''}`, mirror || DEFAULT_BASE)}.`,
      mirror
        ? `  ELECTRON_MIRROR is ${mirror}: check that this mirror is reachable and has Electron ${version}, or unset it.`
        : '  Check your network connection. To download through another server, set ELECTRON_MIRROR.',
      proxy
        ? `  A proxy is set (${proxy}); Electron's installer uses it only with ELECTRON_GET_USE_PROXY=1.`
        : '  Behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1.',
      '  Then run npm start again.',
      'Meanwhile, Picket runs without Electron, with its dashboard in your browser:',
      '  npm run --silent serve -- --data ~/.picket',
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exit(1);
  }
}
