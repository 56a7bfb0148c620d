// Config: source matching, config file validation, secrets in memory vs on disk, the default data folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config, ConfigError, pathMatches } from '../../../../electron/engine/config/config.js';
import { defaultDataDir } from '../../../../electron/engine/config/data-dir.js';
import { testFolder } from '../../../support/hookscope-harness.js';

describe('sources and config', () => {

  it('matches path prefixes on segment boundaries, longest first', () => {
    expect(pathMatches('/', '/anything')).toBe(true);
    expect(pathMatches('/buzzbip', '/buzzbip')).toBe(true);
    expect(pathMatches('/buzzbip', '/buzzbip/hooks')).toBe(true);
    expect(pathMatches('/buzzbip', '/buzzbipx')).toBe(false);
    expect(pathMatches('/buzzbip/', '/buzzbip/x')).toBe(true);
    const dir = testFolder();
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
    const dir = testFolder();
    const file = path.join(dir, 'custom.json');
    fs.writeFileSync(file, JSON.stringify({ sources: [{ name: 'ok', path: '/' }, { name: 'ok', path: '/b' }] }));
    expect(() => Config.load({ dataDir: dir, configFile: file })).toThrow(ConfigError);
    expect(() => Config.load({ dataDir: dir, configFile: file })).toThrow(/custom\.json: sources\[1\]\.name: duplicate source name "ok"/);
    fs.writeFileSync(file, '{ nope');
    expect(() => Config.load({ dataDir: dir, configFile: file })).toThrow(/not valid JSON/);
    expect(() => Config.load({ dataDir: dir, configFile: path.join(dir, 'missing.json') })).toThrow(/no such file/);
  });

  it('keeps CLI secrets in memory and writes the config file with mode 0600', () => {
    const dir = testFolder();
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
