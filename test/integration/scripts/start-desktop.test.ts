// `npm start` where an Electron executable exists (a stand-in here, through HOOKSCOPE_ELECTRON): it starts Electron
// on the project folder, `--dev` stops its Vite server when Electron exits, and where the desktop app cannot run
// (no SQLite build for the platform, a Linux sandbox that would abort) it says so and runs headless instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxSandboxProblem } from '../../../scripts/start-checks.mjs';
import { testFolder } from '../../support/hookscope-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** An "Electron" that writes where and how it was started, then exits with `code`. */
function standInElectron(dir: string, code = 0): { binary: string; record: string } {
  const record = path.join(dir, 'electron-started.json');
  const binary = path.join(dir, 'electron');
  fs.writeFileSync(
    binary,
    `#!${process.execPath}\n` +
      `require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), ` +
      `devServer: process.env.HOOKSCOPE_DEV_SERVER_URL ?? null }));\nprocess.exit(${code});\n`,
    { mode: 0o755 },
  );
  return { binary, record };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, 'localhost');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('npm start with an Electron executable', () => {
  it('runs Electron on the project folder, and with --dev stops Vite once Electron exits', async () => {
    const dir = testFolder('hookscope-start-dev-');
    const electron = standInElectron(dir);
    const port = await freePort();
    const result = await run(path.join(ROOT, 'scripts/start.mjs'), ['--dev', '--no-build', '--data', dir], {
      HOOKSCOPE_ELECTRON: electron.binary,
      HOOKSCOPE_DEV_PORT: String(port),
    });
    expect(result.code, result.output).toBe(0);
    const started = JSON.parse(fs.readFileSync(electron.record, 'utf8')) as { args: string[]; devServer: string };
    expect(started).toEqual({ args: [ROOT, '--data', dir], devServer: `http://localhost:${port}/` });
    // Vite is gone with Electron, not left holding the port.
    expect(await refuses(port)).toBe(true);
  });

  it('runs headless, saying why, when there is no SQLite build for this platform', async () => {
    // A copy of the project whose build goes to a folder of its own (the build empties dist/).
    const project = testFolder('hookscope-start-copy-');
    fs.mkdirSync(path.join(project, 'scripts'));
    for (const file of ['package.json', 'vite.config.ts', 'scripts/start.mjs', 'scripts/start-checks.mjs', 'scripts/build-main.mjs']) {
      fs.copyFileSync(path.join(ROOT, file), path.join(project, file));
    }
    for (const dir of ['electron', 'shared', 'renderer', 'node_modules', 'build']) fs.symlinkSync(path.join(ROOT, dir), path.join(project, dir));
    fs.mkdirSync(path.join(project, 'stand-in'));
    const electron = standInElectron(path.join(project, 'stand-in'));
    const data = path.join(project, 'data');
    const child = spawn(
      process.execPath,
      [path.join(project, 'scripts/start.mjs'), '--data', data, '--port', '0', '--api-port', '0', '--quiet'],
      { env: { ...process.env, HOOKSCOPE_ELECTRON: electron.binary, HOOKSCOPE_DESKTOP_ARCH: 'ia32' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const inspector = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Inspector\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`start.mjs exited (${code}) before headless was up:\n${output}`)));
    });
    expect(output).toContain('better-sqlite3-electron has no build for linux-ia32');
    expect(output).toContain('The desktop app has no SQLite build for this platform');
    expect(fs.existsSync(electron.record)).toBe(false);
    expect((await fetch(inspector)).status).toBeLessThan(500);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);

  it('exits 1 instead with --no-fallback', () => {
    const dir = testFolder('hookscope-start-nofallback-');
    const electron = standInElectron(dir);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--no-fallback'], {
      env: { ...process.env, HOOKSCOPE_ELECTRON: path.join(dir, 'no-such-electron') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('The Electron binary is not installed here');
    expect(fs.existsSync(electron.record)).toBe(false);
  });
});

describe('the Linux sandbox check (electron/electron#42510)', () => {
  function setup(restricted: string, mode: number): { binary: string; restrictFile: string; helper: string } {
    const dir = testFolder('hookscope-sandbox-');
    const restrictFile = path.join(dir, 'apparmor_restrict_unprivileged_userns');
    fs.writeFileSync(restrictFile, `${restricted}\n`);
    const helper = path.join(dir, 'chrome-sandbox');
    fs.writeFileSync(helper, '');
    fs.chmodSync(helper, mode);
    return { binary: path.join(dir, 'electron'), restrictFile, helper };
  }

  it('says what to run when namespaces are restricted and the helper is not setuid root', () => {
    const { binary, restrictFile, helper } = setup('1', 0o755);
    const problem = linuxSandboxProblem(binary, { platform: 'linux', restrictFile });
    expect(problem).toContain(`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`);
  });

  it('is quiet where namespaces are allowed, on other OSes, and without the setting', () => {
    const { binary, restrictFile } = setup('0', 0o755);
    expect(linuxSandboxProblem(binary, { platform: 'linux', restrictFile })).toBeNull();
    expect(linuxSandboxProblem(setup('1', 0o755).binary, { platform: 'darwin', restrictFile })).toBeNull();
    expect(linuxSandboxProblem(binary, { platform: 'linux', restrictFile: path.join(restrictFile, 'missing') })).toBeNull();
  });

  it.skipIf(process.getuid?.() !== 0)('is quiet once the helper is root-owned and setuid (as root)', () => {
    const { binary, restrictFile } = setup('1', 0o4755);
    expect(linuxSandboxProblem(binary, { platform: 'linux', restrictFile })).toBeNull();
  });
});
