// The tunnel's pure parts: backoff, the saved subdomain, option checks, the URLs per source, a user-run public URL.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../../electron/engine/tunnel/backoff.js';
import { createTunnel, validateTunnelOptions } from '../../../../electron/engine/tunnel/create-tunnel.js';
import { ExternalTunnel } from '../../../../electron/engine/tunnel/external-tunnel.js';
import { sourceUrls } from '../../../../electron/engine/tunnel/source-urls.js';
import {
  generateSubdomain,
  isValidSubdomain,
  loadOrCreateSubdomain,
  TUNNEL_FILE,
} from '../../../../electron/engine/tunnel/subdomain-store.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { testFolder } from '../../../support/hookscope-harness.js';

function dataDir(): string {
  return testFolder('hookscope-tunnel-');
}

describe('Backoff', () => {
  it('doubles from the base, caps, and starts again after reset', () => {
    const backoff = new Backoff({ baseMs: 500, maxMs: 30_000, random: () => 0.5 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => backoff.next())).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('spreads delays with jitter but never past the cap', () => {
    const low = new Backoff({ baseMs: 1000, maxMs: 30_000, random: () => 0 });
    const high = new Backoff({ baseMs: 1000, maxMs: 30_000, random: () => 0.999 });
    expect(low.next()).toBe(750);
    expect(high.next()).toBe(1250);
    for (let i = 0; i < 20; i += 1) high.next();
    expect(high.next()).toBe(30_000);
  });
});

describe('subdomain store', () => {
  it('generates a valid name once and returns the saved one afterwards', () => {
    const dir = dataDir();
    const first = loadOrCreateSubdomain(dir);
    expect(isValidSubdomain(first)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, TUNNEL_FILE), 'utf8'))).toEqual({ subdomain: first });
    expect(loadOrCreateSubdomain(dir)).toBe(first);
  });

  it('replaces an unreadable file and says so', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, TUNNEL_FILE), '{"subdomain":"Not Valid"}');
    const warnings: string[] = [];
    const name = loadOrCreateSubdomain(dir, (message) => warnings.push(message));
    expect(isValidSubdomain(name)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(loadOrCreateSubdomain(dir)).toBe(name);
  });

  it('produces different names on different installations', () => {
    const names = new Set(Array.from({ length: 200 }, () => generateSubdomain()));
    expect(names.size).toBe(200);
  });

  it('accepts what the localtunnel server accepts', () => {
    expect(isValidSubdomain('abcd')).toBe(true);
    expect(isValidSubdomain('my-shop-dev')).toBe(true);
    expect(isValidSubdomain('abc')).toBe(false);
    expect(isValidSubdomain('-abcd')).toBe(false);
    expect(isValidSubdomain('abcd-')).toBe(false);
    expect(isValidSubdomain('ABCD')).toBe(false);
    expect(isValidSubdomain('a.b.c.d')).toBe(false);
  });
});

describe('tunnel options', () => {
  it('rejects contradictions and bad values before anything starts', () => {
    expect(() => validateTunnelOptions({ tunnel: true, publicUrl: 'https://x.ngrok.app' })).toThrow(/--public-url/);
    expect(() => validateTunnelOptions({ subdomain: 'x', publicUrl: 'https://x.ngrok.app' })).toThrow(/--public-url/);
    expect(() => validateTunnelOptions({ subdomain: 'Bad_Name' })).toThrow(/--subdomain "Bad_Name"/);
    expect(() => validateTunnelOptions({ tunnelHost: 'ftp://example.test' })).toThrow(/--tunnel-host/);
    expect(() => validateTunnelOptions({ publicUrl: 'not a url' })).toThrow(/--public-url/);
    expect(() => validateTunnelOptions({ tunnel: true, subdomain: 'good-name' })).not.toThrow();
  });

  it('creates nothing unless asked', () => {
    const context = { dataDir: dataDir(), receiverPort: 1, instanceId: 'x', getSources: () => [] };
    expect(createTunnel({}, context)).toBeUndefined();
    expect(fs.existsSync(path.join(context.dataDir, TUNNEL_FILE))).toBe(false);
  });
});

describe('URLs per source', () => {
  const sources = [
    SourceConfigSchema.parse({ name: 'buzzbip', path: '/buzzbip' }),
    SourceConfigSchema.parse({ name: 'vobiz', path: '/hooks/vobiz' }),
    SourceConfigSchema.parse({ name: 'default', path: '/' }),
  ];

  it('appends each source path to the public URL', () => {
    expect(sourceUrls('https://name.loca.lt/', sources)).toEqual([
      { source: 'buzzbip', url: 'https://name.loca.lt/buzzbip' },
      { source: 'vobiz', url: 'https://name.loca.lt/hooks/vobiz' },
      { source: 'default', url: 'https://name.loca.lt/' },
    ]);
  });

  it('shows a user-run public URL as external, with the same per-source URLs', () => {
    const status = new ExternalTunnel('https://abc.ngrok.app', () => sources).status();
    expect(status).toMatchObject({ status: 'online', url: 'https://abc.ngrok.app', external: true, error: null });
    expect(status.sourceUrls[0]).toEqual({ source: 'buzzbip', url: 'https://abc.ngrok.app/buzzbip' });
  });
});
