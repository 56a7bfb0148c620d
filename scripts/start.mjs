#!/usr/bin/env node
// `npm start`: builds and runs the desktop app (Electron on dist/main/main.js); `npm start -- --dev` serves the
// renderer from the Vite dev server instead. Where the Electron binary is missing (installs with
// ELECTRON_SKIP_BINARY_DOWNLOAD, or offline machines) it says how to get it and, unless --no-fallback is given, runs
// the same services headless with the inspector at http://127.0.0.1:4040/. Other arguments go to Electron / the CLI.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
const DEV_SERVER_URL = 'http://localhost:5173/';

/** The Electron executable, or null: node_modules/electron exports its path and throws when it was never fetched. */
function electronBinary() {
  try {
    const binary = createRequire(path.join(root, 'package.json'))('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`start: \`${[path.basename(command), ...commandArgs].join(' ')}\` failed`);
    process.exit(result.status ?? 1);
  }
}

const node = process.execPath;
const buildRenderer = () => run(node, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
const buildMain = () => run(node, [path.join(root, 'scripts/build-main.mjs')]);

/** Runs a child in the foreground: Ctrl-C and SIGTERM reach it, and its exit code becomes ours. */
function foreground(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

/**
 * npm install skips electron's download script (allowScripts in package.json), so installs never depend on GitHub;
 * fetch the binary here on first start instead. Offline this fails at once and we fall back to headless mode.
 */
function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null;
  console.log('Fetching the Electron binary (first start only)…');
  const result = spawnSync(node, [path.join(root, 'node_modules/electron/install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    const reason = `${result.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line))?.trim();
    console.log(`  could not fetch it${reason ? `: ${reason}` : ''}`);
    return null;
  }
  return electronBinary();
}

const binary = electronBinary() ?? fetchElectron();
if (!binary) {
  console.log(
    [
      'The Electron binary is not installed here, so the desktop app cannot start.',
      '  To get it (needs internet): node node_modules/electron/install.js   (or: npm rebuild electron)',
      '  The same services run headless with the inspector in your browser: npm run headless',
    ].join('\n'),
  );
  if (noFallback) process.exit(1);
  console.log('Starting headless mode now (inspector at http://127.0.0.1:4040/)…\n');
  if (!noBuild) {
    buildRenderer();
    buildMain();
  }
  foreground(node, [path.join(root, 'dist/main/cli.js'), 'listen', ...args]);
} else {
  if (!noBuild) {
    if (!dev) buildRenderer();
    buildMain();
  }
  run(node, [path.join(root, 'scripts/build-native-electron.mjs')]);
  let viteServer = null;
  const env = { ...process.env };
  if (dev) {
    viteServer = spawn(node, [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', '5173', '--strictPort'], {
      cwd: root,
      stdio: 'inherit',
    });
    env.HOOKSCOPE_DEV_SERVER_URL = DEV_SERVER_URL;
    await waitForServer(DEV_SERVER_URL);
  }
  const electron = foreground(binary, [path.join(root, 'dist/main/main.js'), ...args], env);
  electron.on('exit', () => viteServer?.kill());
}

async function waitForServer(url) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  console.error(`start: the Vite dev server did not answer at ${url}`);
  process.exit(1);
}
