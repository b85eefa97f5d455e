// The email channel against a real SMTP server (smtp-server) that requires STARTTLS, on a certificate made at
// test time: the mail arrives with the subject, body and recipients, after AUTH.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChannel } from '../../../electron/shared/channel-types.ts';
import { emailProvider } from '../../../electron/core/alerting/channels/email.ts';
import { makeCa, validCert } from '../../fixtures/certificates.ts';
import { twoDown } from './deliveries.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
  user: string | undefined;
  secure: boolean;
}

let server: SMTPServer;
let port: number;
let caFile: string;
let dir: string;
const received: Received[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-smtp-'));
  const [cert, ca] = [await validCert(), await makeCa()];
  caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, ca.cert);
  server = new SMTPServer({
    key: cert.key,
    cert: cert.cert,
    // Plain connection first; the client must upgrade before AUTH (which smtp-server refuses without TLS).
    secure: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'picket' && auth.password === 'mail-pw') callback(null, { user: auth.username });
      else callback(new Error('535 Authentication failed'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        callback();
      });
    },
    logger: false,
    // No reverse DNS of the client: tests never query a DNS server.
    disableReverseLookup: true,
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const channel = (): EmailChannel => ({
  id: 'mail',
  name: 'Mail',
  type: 'email',
  host: '127.0.0.1',
  port,
  secure: 'starttls',
  username: 'picket',
  password: 'mail-pw',
  from: 'Picket <picket@example.org>',
  to: ['ops@example.org', 'me@example.org'],
  caFile,
});

describe('email', () => {
  it('upgrades with STARTTLS, authenticates, and delivers subject, body and recipients', async () => {
    const answer = await emailProvider.send(channel(), twoDown, { signal: AbortSignal.timeout(15_000), now: Date.now });
    expect(answer).toMatch(/^250/);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.secure).toBe(true);
    expect(mail?.user).toBe('picket');
    expect(mail?.from).toBe('picket@example.org');
    expect(mail?.to).toEqual(['ops@example.org', 'me@example.org']);
    expect(mail?.data).toContain('Subject: 2 monitors down: Client API and Federation');
    expect(mail?.data).toContain('Client API and Federation');
    expect(mail?.data).toContain('Message-ID: <entry-1@picket.invalid>');
  });

  it('a refused login is the delivery error, in the server\'s words', async () => {
    await expect(emailProvider.send({ ...channel(), password: 'wrong' }, twoDown, { signal: AbortSignal.timeout(15_000), now: Date.now })).rejects.toThrow(/535/);
  });

  it('an untrusted certificate is refused (no caFile)', async () => {
    const { caFile: _ca, ...untrusted } = channel();
    await expect(emailProvider.send(untrusted, twoDown, { signal: AbortSignal.timeout(15_000), now: Date.now })).rejects.toThrow(/certificate/i);
  });
});
