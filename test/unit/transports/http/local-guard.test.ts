// checkLocalRequest: the Host/Origin guard of the local API (DNS rebinding, cross-site requests).
import { describe, expect, it } from 'vitest';
import { checkLocalRequest } from '../../../../electron/transports/http/local-guard.js';

describe('checkLocalRequest', () => {
  const port = 4040;
  it('accepts loopback names on this port, with or without a same-server Origin', () => {
    for (const host of ['127.0.0.1:4040', 'localhost:4040', '[::1]:4040', 'LOCALHOST:4040', 'localhost']) {
      expect(checkLocalRequest({ host }, port).ok, host).toBe(true);
    }
    expect(checkLocalRequest({ host: 'localhost:4040', origin: 'http://127.0.0.1:4040' }, port).ok).toBe(true);
  });
  it('refuses hostile look-alikes', () => {
    const hosts = [
      undefined,
      '',
      'evil.example',
      'localhost.evil.example:4040',
      '127.0.0.1.evil.example',
      'evil.example@127.0.0.1:4040',
      '127.0.0.1:4041',
      '127.0.0.2:4040',
      '0.0.0.0:4040',
      'localhost:4040/evil',
      'localhost :4040',
    ];
    for (const host of hosts) expect(checkLocalRequest({ host }, port).ok, String(host)).toBe(false);
    const origins = [
      'null',
      'https://127.0.0.1:4040',
      'http://localhost.evil.example:4040',
      'http://evil.example/?next=http://127.0.0.1:4040',
      'http://user:pw@127.0.0.1:4040',
      'http://127.0.0.1:4041',
      'file://',
      'not a url',
    ];
    for (const origin of origins) {
      expect(checkLocalRequest({ host: '127.0.0.1:4040', origin }, port).ok, origin).toBe(false);
    }
  });
});
