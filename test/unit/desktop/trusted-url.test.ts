// The desktop shell's URL rules, fed the hostile look-alikes an attacker-controlled link or env var could carry.
import { describe, expect, it } from 'vitest';
import { isAppUrl, parseDevServerUrl, trustedExternalUrl } from '../../../electron/desktop/trusted-url.js';

describe('trustedExternalUrl', () => {
  it.each([
    ['https://github.com/hookscope/hookscope', 'https://github.com/hookscope/hookscope'],
    ['https://GitHub.COM/x', 'https://github.com/x'],
    ['https://docs.vobiz.ai/webhooks', 'https://docs.vobiz.ai/webhooks'],
    ['https://app.buzzbip.com/settings/webhooks', 'https://app.buzzbip.com/settings/webhooks'],
    ['https://quiet-fox-12.loca.lt/buzzbip', 'https://quiet-fox-12.loca.lt/buzzbip'],
  ])('opens %s as %s', (raw, href) => {
    expect(trustedExternalUrl(raw)).toBe(href);
  });

  it.each([
    'http://github.com/',
    'https://github.com.evil.example/',
    'https://evil-github.com/',
    'https://github.com@evil.example/',
    'https://user:pass@github.com/',
    'https://evil.example/?next=https://github.com',
    'https://evil.example/#https://github.com',
    'https://github.com:8443/',
    'https://github.com./',
    'https://gïthub.com/',
    'https://xn--gthub-n4a.com/',
    'javascript:alert(document.domain)',
    'file:///etc/passwd',
    'app://hookscope/index.html',
    'https://127.0.0.1/',
    'https://loca.lt.evil.example/',
    'not a url',
    '',
    42,
    null,
  ])('refuses %s', (raw) => {
    expect(trustedExternalUrl(raw)).toBeNull();
  });
});

describe('parseDevServerUrl', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:5173/', 'http://[::1]:5173'])('accepts %s', (raw) => {
    expect(parseDevServerUrl(raw)).not.toBeNull();
  });

  it.each([
    'https://localhost:5173',
    'http://localhost',
    'http://192.168.1.5:5173',
    'http://localhost.evil.example:5173',
    'http://user:pw@localhost:5173',
    'http://evil.example#@localhost:5173',
    'http://evil.example/?@localhost:5173',
    'file:///tmp/index.html',
    undefined,
  ])('refuses %s', (raw) => {
    expect(parseDevServerUrl(raw)).toBeNull();
  });
});

describe('isAppUrl', () => {
  const dev = parseDevServerUrl('http://localhost:5173');

  it('accepts our own pages', () => {
    expect(isAppUrl('app://hookscope/index.html')).toBe(true);
    expect(isAppUrl('app://hookscope/#/deliveries')).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
  });

  it.each([
    'app://hookscope.evil/index.html',
    'app://evil/hookscope',
    'app://user@hookscope/',
    'http://localhost:5173/',
    'http://localhost:5174/',
    'http://localhost.evil.example:5173/',
    'https://evil.example/?next=app://hookscope',
    'file:///opt/Hookscope/resources/app.asar/dist/renderer/index.html',
    'about:blank',
  ])('refuses %s', (raw) => {
    // Only the first dev-server look-alike is checked against the real dev server; the rest without one.
    expect(isAppUrl(raw, raw.startsWith('http://localhost:5173') ? null : dev)).toBe(false);
  });
});
