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

function electronInstalled(): boolean {
  return electronBinary(ROOT).binary !== null;
}

describe.skipIf(electronInstalled())('npm start without the Electron binary', () => {
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
    const health = (await (await fetch(`${inspector}api/health`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { dataDir: string };
    expect(health.dataDir).toBe(dataDir);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'hookscope.db'))).toBe(true);
  });
});
