// Pure pieces of the core: envelope parsing, the FTS query builder, the local Host/Origin guard, source matching,
// config validation, and CLI output hygiene.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLocalRequest } from '../../electron/api/local-guard.js';
import { clean, formatDelivery } from '../../electron/cli-format.js';
import { Config, ConfigError, pathMatches } from '../../electron/services/config.js';
import { defaultDataDir } from '../../electron/services/data-dir.js';
import { parseEnvelope } from '../../electron/services/envelope.js';
import { toFtsQuery } from '../../electron/services/store/fts-query.js';
import { tempDir } from '../support/hookscope-harness.js';

describe('parseEnvelope', () => {
  it('reads id and type from the platform envelope', () => {
    const parsed = parseEnvelope(Buffer.from('{"id":"evt_7f3a9b2c","type":"message.received","data":{}}'), 'application/json');
    expect(parsed).toMatchObject({ eventId: 'evt_7f3a9b2c', eventType: 'message.received', parseError: null });
  });
  it('keeps going on anything else, with a reason', () => {
    expect(parseEnvelope(Buffer.alloc(0), null).parseError).toBe('empty body');
    expect(parseEnvelope(Buffer.from([0xc3, 0x28]), 'application/json').parseError).toMatch(/UTF-8/);
    expect(parseEnvelope(Buffer.from('{"id":'), 'application/json').parseError).toMatch(/^invalid JSON/);
    expect(parseEnvelope(Buffer.from('a=1&b=2'), 'application/x-www-form-urlencoded').parseError).toMatch(/^not JSON/);
    expect(parseEnvelope(Buffer.from('[1,2]'), null)).toMatchObject({ eventId: null, parseError: null });
    expect(parseEnvelope(Buffer.from('{"id":{"x":1},"type":7}'), null)).toMatchObject({ eventId: null, eventType: '7' });
  });
});

describe('toFtsQuery', () => {
  it('quotes every word and makes it a prefix, so no FTS syntax can be injected', () => {
    expect(toFtsQuery('hello wor')).toBe('"hello"* "wor"*');
    expect(toFtsQuery('say "hi" NEAR(x)')).toBe('"say"* """hi"""* "NEAR(x)"*');
    expect(toFtsQuery('  * : ( ')).toBeNull();
  });
});

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

describe('sources and config', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('matches path prefixes on segment boundaries, longest first', () => {
    expect(pathMatches('/', '/anything')).toBe(true);
    expect(pathMatches('/buzzbip', '/buzzbip')).toBe(true);
    expect(pathMatches('/buzzbip', '/buzzbip/hooks')).toBe(true);
    expect(pathMatches('/buzzbip', '/buzzbipx')).toBe(false);
    expect(pathMatches('/buzzbip/', '/buzzbip/x')).toBe(true);
    const dir = tempDir();
    dirs.push(dir);
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({
        sources: [
          { name: 'all', path: '/' },
          { name: 'bb', path: '/buzzbip' },
          { name: 'bb-eu', path: '/buzzbip/eu' },
        ],
      }),
    );
    const config = Config.load({ dataDir: dir });
    expect(config.matchSource('/buzzbip/eu/x').name).toBe('bb-eu');
    expect(config.matchSource('/buzzbip/us').name).toBe('bb');
    expect(config.matchSource('/vobiz').name).toBe('all');
  });

  it('explains an invalid config file by file, field and reason', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'custom.json');
    fs.writeFileSync(file, JSON.stringify({ sources: [{ name: 'ok', path: '/' }, { name: 'ok', path: '/b' }] }));
    expect(() => Config.load({ dataDir: dir, configFile: file })).toThrow(ConfigError);
    expect(() => Config.load({ dataDir: dir, configFile: file })).toThrow(/custom\.json: sources\[1\]\.name: duplicate source name "ok"/);
    fs.writeFileSync(file, '{ nope');
    expect(() => Config.load({ dataDir: dir, configFile: file })).toThrow(/not valid JSON/);
    expect(() => Config.load({ dataDir: dir, configFile: path.join(dir, 'missing.json') })).toThrow(/no such file/);
  });

  it('keeps CLI secrets in memory and writes the config file with mode 0600', () => {
    const dir = tempDir();
    dirs.push(dir);
    const config = Config.load({ dataDir: dir, secrets: ['cli-secret'] });
    expect(config.getSources()[0]!.secrets).toEqual(['cli-secret']);
    config.setSources([{ ...config.getStoredSources()[0]!, secrets: ['saved'] }]);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    expect(saved.sources[0].secrets).toEqual(['saved']);
    expect(config.getSources()[0]!.secrets).toEqual(['cli-secret', 'saved']);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('puts data where the desktop app keeps it', () => {
    expect(defaultDataDir({ HOME: '/home/u' }, 'linux')).toMatch(/\.config[\\/]Hookscope$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Hookscope'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('Hookscope');
    expect(defaultDataDir({ HOOKSCOPE_DATA_DIR: '/tmp/hs' }, 'darwin')).toBe(path.resolve('/tmp/hs'));
  });
});

describe('CLI output', () => {
  it('strips control characters a hostile payload could use on the terminal', () => {
    expect(clean('a\u001b[31mred\u0007')).toBe('a?[31mred?');
    const line = formatDelivery({
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      receivedAt: '2026-06-01T14:32:00.000Z',
      method: 'POST',
      path: '/x\u001b]0;pwned\u0007',
      query: '',
      source: 'default',
      eventId: 'evt_1',
      eventType: 'message.received',
      attempt: 2,
      firstDeliveryId: null,
      signature: { status: 'valid', scheme: 'buzzbip' },
      size: 2048,
      contentType: 'application/json',
      status: 200,
      lastForward: null,
    });
    expect(line).not.toContain('\u001b]');
    expect(line).toContain('message.received');
    expect(line).toContain('valid (buzzbip)');
    expect(line).toContain('2.0 KB');
    expect(line).toContain('retry 2');
  });
});
