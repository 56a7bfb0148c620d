#!/usr/bin/env node
// `npm start`: builds and runs the desktop app (Electron on this project folder, whose package.json main is
// dist/desktop/main.js); `npm start -- --dev` serves the renderer from the Vite dev server instead, and stops it
// when Electron exits. Falls back to the same services headless (inspector in the browser), unless --no-fallback,
// when the desktop app cannot run here: no Electron binary (node_modules/electron downloads it on first use, which
// fails offline or on machines that reach only the npm registry), no SQLite build for this platform, or a Linux sandbox that would make Electron abort (start-checks.mjs).
// Other arguments go to Electron / the CLI. HOOKSCOPE_ELECTRON picks another Electron executable;
// HOOKSCOPE_DEV_PORT the Vite port (5173).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, linuxSandboxProblem } from './start-checks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const index = args.indexOf(name);
  if (index >= 0) args.splice(index, 1);
  return index >= 0;
};
const dev = flag('--dev');
const noFallback = flag('--no-fallback') || process.env.HOOKSCOPE_NO_FALLBACK === '1';
const noBuild = flag('--no-build');
const devPort = Number(process.env.HOOKSCOPE_DEV_PORT ?? 5173);
const DEV_SERVER_URL = `http://localhost:${devPort}/`;
const node = process.execPath;

/** Runs a build step; returns its exit code (0 = built). */
function step(command, commandArgs) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' }).status ?? 1;
}
const buildRenderer = () => step(node, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
const buildMain = () => step(node, [path.join(root, 'scripts/build-main.mjs')]);

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

let built = false;
/** Builds the renderer (unless `dev`) and the bundles once; returns build-main's code (3: no desktop SQLite build). */
function build({ renderer }) {
  if (noBuild || built) return 0;
  built = true;
  if (renderer && buildRenderer() !== 0) fail('the renderer build failed');
  const code = buildMain();
  // 3: only the desktop set could not be built (no SQLite build for this platform); the headless set is there.
  if (code !== 0 && code !== 3) fail('the build failed');
  return code;
}

/** Says why the desktop app cannot start, then runs headless (or exits 1 with --no-fallback). */
function headless(reasons) {
  console.log(reasons.join('\n'));
  console.log('  The same services run headless with the inspector in your browser: npm run headless');
  if (noFallback) process.exit(1);
  // The address comes with the banner below, on the port actually given (--api-port), with its token.
  console.log('Starting headless mode now; the inspector address follows…\n');
  // A --dev run built no renderer (Vite was to serve it); headless mode serves the built one.
  if (built && dev && !noBuild && buildRenderer() !== 0) fail('the renderer build failed');
  build({ renderer: true });
  foreground(node, [path.join(root, 'dist/main/cli.js'), 'listen', ...args]);
}

/** Runs a child in the foreground: Ctrl-C and SIGTERM reach it; `cleanup` runs before its exit code becomes ours. */
function foreground(command, commandArgs, env = process.env, cleanup = async () => undefined) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    void cleanup().finally(() => process.exit(code ?? (signal ? 1 : 0)));
  });
  return child;
}

const { binary, reason } = await electronBinary(root);
const sandboxProblem = binary ? linuxSandboxProblem(binary) : null;
if (!binary) {
  headless([
    `The Electron binary is not installed here (${reason}), so the desktop app cannot start.`,
    '  To get it (needs internet): npx install-electron --no   (node_modules/electron fetches it on first use)',
  ]);
} else if (sandboxProblem) {
  headless([sandboxProblem]);
} else if (build({ renderer: !dev }) === 3) {
  headless(['The desktop app has no SQLite build for this platform (see above).']);
} else {
  await desktop(binary);
}

async function desktop(executable) {
  let viteServer = null;
  const env = { ...process.env };
  if (dev) {
    viteServer = spawn(node, [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', String(devPort), '--strictPort'], {
      cwd: root,
      stdio: 'inherit',
    });
    env.HOOKSCOPE_DEV_SERVER_URL = DEV_SERVER_URL;
    await waitForServer(DEV_SERVER_URL, viteServer);
  }
  const stopVite = () =>
    new Promise((resolve) => {
      if (!viteServer || viteServer.exitCode !== null || viteServer.signalCode !== null) return resolve();
      viteServer.once('exit', () => resolve());
      viteServer.kill('SIGTERM');
    });
  foreground(executable, [root, ...args], env, stopVite);
}

async function waitForServer(url, server) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) fail(`the Vite dev server exited (code ${server.exitCode})`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  server.kill();
  fail(`the Vite dev server did not answer at ${url}`);
}
