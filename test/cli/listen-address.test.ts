import { describe, expect, it } from 'vitest';
import { parseListenAddress } from '../../electron/cli/listen-address.ts';

describe('parseListenAddress', () => {
  it('takes PORT (loopback), HOST:PORT and [IPv6]:PORT', () => {
    expect(parseListenAddress('9464', '--x')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListenAddress('0.0.0.0:9464', '--x')).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(parseListenAddress('[::1]:9464', '--x')).toEqual({ host: '::1', port: 9464 });
  });

  it('names the flag and the reason', () => {
    expect(() => parseListenAddress('host:', '--metrics-listen')).toThrow('--metrics-listen: expected ADDRESS:PORT or PORT');
    expect(() => parseListenAddress('70000', '--metrics-listen')).toThrow('port 0 to 65535');
    expect(() => parseListenAddress('[zz]:1', '--metrics-listen')).toThrow('expected ADDRESS:PORT');
    expect(() => parseListenAddress('[1:2:3:4:5:6:7:8:9]:1', '--metrics-listen')).toThrow('is not an IPv6 address');
  });
});
