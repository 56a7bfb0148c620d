// Unknown keys in a config file: found at any depth the schema has, named by path, with the nearest known key.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config, ConfigError } from '../../../../electron/engine/config/config.js';
import { nearest, unknownKeys } from '../../../../electron/engine/config/unknown-keys.js';
import { ConfigFileSchema } from '../../../../shared/schemas.js';
import { testFolder } from '../../../support/hookscope-harness.js';

describe('unknown config keys', () => {
  it('finds each one by path, in sources, their nested groups and settings', () => {
    const found = unknownKeys(ConfigFileSchema, {
      sources: [{ name: 'a', path: '/' }, { name: 'b', path: '/b', foward: {}, forward: { targets: [{ url: 'http://x', onlyvalid: true }] } }],
      settings: { retention: { maxAgeDay: 3 }, tunnel: { enabled: true, subdomian: 'x' } },
      setings: {},
    });
    expect(found).toEqual([
      { path: 'sources[1].foward', key: 'foward', suggestion: 'forward' },
      { path: 'sources[1].forward.targets[0].onlyvalid', key: 'onlyvalid', suggestion: 'onlyValid' },
      { path: 'settings.retention.maxAgeDay', key: 'maxAgeDay', suggestion: 'maxAgeDays' },
      { path: 'settings.tunnel.subdomian', key: 'subdomian', suggestion: 'subdomain' },
      { path: 'setings', key: 'setings', suggestion: 'settings' },
    ]);
  });

  it('knows every key the schema has, generic scheme options included', () => {
    const file = {
      sources: [{ name: 'g', path: '/', scheme: 'generic', generic: { header: 'X-Sig', prefix: 'sha256=' }, response: { failFirst: 2 }, verifyToken: 't' }],
      settings: { maxBodyBytes: 2048, maxBufferedBytes: 2 * 1024 * 1024, retention: { maxCount: 5 } },
    };
    expect(unknownKeys(ConfigFileSchema, file)).toEqual([]);
    expect(ConfigFileSchema.safeParse(file).success).toBe(true);
  });

  it('suggests only what is close', () => {
    expect(nearest('max_body_bytes', ['maxBodyBytes', 'retention'])).toBe('maxBodyBytes');
    expect(nearest('colour', ['retention', 'tunnel'])).toBeNull();
  });

  it('the loader refuses the file, naming it, the key and the guess', () => {
    const dir = testFolder();
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ settings: { retention: { maxAgeDay: 3 } } }));
    expect(() => Config.load({ dataDir: dir })).toThrow(ConfigError);
    expect(() => Config.load({ dataDir: dir })).toThrow(`${file}: settings.retention.maxAgeDay: unknown key (did you mean "maxAgeDays"?)`);
  });
});
