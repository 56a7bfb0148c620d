// `npm start` where the Electron binary is missing (as on our machines): a clear message, no stack trace, and either a
// non-zero exit (--no-fallback) or the same services running headless.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../../scripts/start-checks.mjs';
import { testFolder } from '../../support/hookscope-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const START = path.join(ROOT, 'scripts/start.mjs');

const electronInstalled = (await electronBinary(ROOT, process.env, () => undefined)).binary !== null;

/** A project folder whose node_modules/electron is `index` (a stand-in for the package's entry). */
function fakeElectronPackage(index: string): string {
  const root = testFolder('hookscope-fake-electron-');
  fs.mkdirSync(path.join(root, 'node_modules/electron'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  fs.writeFileSync(path.join(root, 'node_modules/electron/index.js'), index);
  return root;
}

describe('asking node_modules/electron for its binary', () => {
  it('says nothing when the binary is there', async () => {
    const said: string[] = [];
    const root = fakeElectronPackage(`module.exports = ${JSON.stringify(process.execPath)};`);
    expect(await electronBinary(root, {}, (line) => said.push(line))).toEqual({ binary: process.execPath });
    expect(said).toEqual([]);
  });

  it('says when it starts a download, and gives up after the time limit with what happened', async () => {
    const said: string[] = [];
    // What electron's index.js prints before it downloads; then a download that never hears back.
    const root = fakeElectronPackage(`console.log('Downloading Electron binary...'); setInterval(() => {}, 1000);`);
    const result = await electronBinary(root, { HOOKSCOPE_ELECTRON_FETCH_TIMEOUT: '0.5' }, (line) => said.push(line));
    expect(said).toEqual(['Fetching the Electron binary (first start only; giving up after 0.5 s)…']);
    expect(result.binary).toBeNull();
    expect(result.reason).toBe('download: no answer within 0.5 s (a proxy or firewall that drops the connection?); HOOKSCOPE_ELECTRON_FETCH_TIMEOUT=<seconds> waits longer');
  });

  it('turns a failed download into one line', async () => {
    const root = fakeElectronPackage(`console.log('Downloading Electron binary...'); console.error('RequestError: getaddrinfo ENOTFOUND github.com'); console.error('    at x (y.js:1:1)'); process.exit(1);`);
    const result = await electronBinary(root, {}, () => undefined);
    expect(result).toEqual({ binary: null, reason: 'download: getaddrinfo ENOTFOUND github.com' });
  });
});

describe.skipIf(electronInstalled)('npm start without the Electron binary', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist/main/cli.js'))) {
      expect(spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-main.mjs')]).status).toBe(0);
    }
  });

  it('says how to get Electron and how to run headless, then exits 1 with --no-fallback', () => {
    const run = spawnSync(process.execPath, [START, '--no-fallback'], { encoding: 'utf8' });
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(output).toContain('npx install-electron --no');
    expect(output).toContain('npm run headless');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('falls back to headless mode: the receiver and inspector come up, and SIGTERM stops them', async () => {
    const dataDir = testFolder('hookscope-start-');
    const child = spawn(
      process.execPath,
      [START, '--no-build', '--port', '0', '--api-port', '0', '--data', dataDir, '--quiet'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const [inspector, token] = await new Promise<[string, string]>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // The printed link carries the API token, as a user copies it.
        const match = /Inspector\s+(http:\/\/127\.0\.0\.1:\d+\/)\?token=(\S+)/.exec(output);
        if (match) resolve([match[1]!, match[2]!]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`start.mjs exited (${code}) before headless was up:\n${output}`)));
    });
    expect(output).toContain('The Electron binary is not installed here');
    // The inspector is named once, by the banner, on the port actually given.
    expect(output).not.toContain('4040');
    const health = (await (await fetch(`${inspector}api/health`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { dataDir: string };
    expect(health.dataDir).toBe(dataDir);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'hookscope.db'))).toBe(true);
  });
});
