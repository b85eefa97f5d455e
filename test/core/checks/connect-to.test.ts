// curl's --connect-to rules: parsing (every form curl accepts, human errors naming the flag) and which rule
// a connection to host:port follows.
import { describe, expect, it } from 'vitest';
import { connectTarget, formatTarget, parseConnectTo } from '../../../electron/core/checks/connect-to.ts';

describe('parseConnectTo', () => {
  it('reads HOST1:PORT1:HOST2:PORT2, names in lower case without a trailing dot', () => {
    expect(parseConnectTo('Example.TEST.:443:127.0.0.1:8443')).toEqual({ fromHost: 'example.test', fromPort: 443, toHost: '127.0.0.1', toPort: 8443 });
    expect(parseConnectTo('  example.test:443:backend.example.test:443 ')).toEqual({ fromHost: 'example.test', fromPort: 443, toHost: 'backend.example.test', toPort: 443 });
  });

  it('reads IPv6 addresses in brackets, on either side', () => {
    expect(parseConnectTo('[2001:DB8::1]:443:[::1]:8443')).toEqual({ fromHost: '2001:db8::1', fromPort: 443, toHost: '::1', toPort: 8443 });
  });

  it('accepts the empty parts curl accepts: any host, any port, same host, same port', () => {
    expect(parseConnectTo('::127.0.0.1:8443')).toEqual({ fromHost: '', fromPort: 0, toHost: '127.0.0.1', toPort: 8443 });
    expect(parseConnectTo('example.test:443::8443')).toEqual({ fromHost: 'example.test', fromPort: 443, toHost: '', toPort: 8443 });
    expect(parseConnectTo('example.test::127.0.0.1:')).toEqual({ fromHost: 'example.test', fromPort: 0, toHost: '127.0.0.1', toPort: 0 });
  });

  it.each([
    ['example.test:443:127.0.0.1', /^--connect-to must be HOST1:PORT1:HOST2:PORT2 \(e\.g\. "example\.org:443:127\.0\.0\.1:8443"\), got "example\.test:443:127\.0\.0\.1"$/],
    ['', /^--connect-to must be HOST1:PORT1:HOST2:PORT2/],
    ['example.test:https:127.0.0.1:8443', /^--connect-to must be HOST1:PORT1:HOST2:PORT2/],
    ['::1:443:127.0.0.1:8443', /^--connect-to must be HOST1:PORT1:HOST2:PORT2/],
    ['example.test:443:127.0.0.1:8443:9', /^--connect-to must be HOST1:PORT1:HOST2:PORT2/],
    ['example.test:443:127.0.0.1:70000', /^--connect-to: port must be from 1 to 65535, in "example\.test:443:127\.0\.0\.1:70000"$/],
    ['example.test:0:127.0.0.1:8443', /^--connect-to: port must be from 1 to 65535/],
    ['[example.test]:443:127.0.0.1:8443', /^--connect-to: "\[example\.test\]" is not an IPv6 address, in "\[example\.test\]:443:127\.0\.0\.1:8443"$/],
    ['example.test:443:[127.0.0.1]:8443', /^--connect-to: "\[127\.0\.0\.1\]" is not an IPv6 address/],
  ])('refuses %j with a message naming --connect-to', (text, message) => {
    expect(() => parseConnectTo(text)).toThrow(message);
  });
});

describe('connectTarget', () => {
  const rules = [
    parseConnectTo('example.test:443:127.0.0.1:8443'),
    parseConnectTo('example.test:8448::9448'),
    parseConnectTo('[2001:db8::1]:443:[::1]:8443'),
    parseConnectTo('any-port.test::127.0.0.1:'),
  ];

  it('sends a matching name and port to the rule target, case and trailing dot aside', () => {
    expect(connectTarget(rules, 'example.test', 443)).toEqual({ host: '127.0.0.1', port: 8443, rule: rules[0] });
    expect(connectTarget(rules, 'EXAMPLE.test.', 443)).toMatchObject({ host: '127.0.0.1', port: 8443 });
  });

  it('keeps the original host or port where the rule leaves it empty', () => {
    expect(connectTarget(rules, 'example.test', 8448)).toEqual({ host: 'example.test', port: 9448, rule: rules[1] });
    expect(connectTarget(rules, 'any-port.test', 25)).toEqual({ host: '127.0.0.1', port: 25, rule: rules[3] });
  });

  it('matches IPv6 addresses with or without brackets', () => {
    expect(connectTarget(rules, '2001:db8::1', 443)).toMatchObject({ host: '::1', port: 8443 });
    expect(connectTarget(rules, '[2001:DB8::1]', 443)).toMatchObject({ host: '::1', port: 8443 });
  });

  it('leaves anything else alone: another port, another name, no rules', () => {
    expect(connectTarget(rules, 'example.test', 80)).toEqual({ host: 'example.test', port: 80 });
    expect(connectTarget(rules, 'sub.example.test', 443)).toEqual({ host: 'sub.example.test', port: 443 });
    expect(connectTarget(undefined, 'example.test', 443)).toEqual({ host: 'example.test', port: 443 });
    expect(connectTarget([], 'example.test', 443)).toEqual({ host: 'example.test', port: 443 });
  });

  it('uses the first matching rule, as curl does', () => {
    const ordered = [parseConnectTo('example.test:443:127.0.0.1:1111'), parseConnectTo('::127.0.0.1:2222')];
    expect(connectTarget(ordered, 'example.test', 443).port).toBe(1111);
    expect(connectTarget(ordered, 'other.test', 443).port).toBe(2222);
  });
});

describe('formatTarget', () => {
  it('brackets IPv6 addresses', () => {
    expect(formatTarget({ host: '127.0.0.1', port: 8443 })).toBe('127.0.0.1:8443');
    expect(formatTarget({ host: '::1', port: 8443 })).toBe('[::1]:8443');
  });
});
