#!/usr/bin/env node
// Builds a second copy of better-sqlite3's native addon for Electron's ABI into dist/native/, leaving the package's
// own build (Node's ABI) untouched, so `npm test` and headless mode keep working while the desktop app's services
// process loads this copy through better-sqlite3's `nativeBinding` option. Runs from `npm start` and `npm run dist`;
// does nothing when the file for this Electron version is already there. Needs internet the first time (an Electron
// prebuild of better-sqlite3 from GitHub, or Electron's headers to compile it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
const platform = process.env.npm_config_platform ?? process.platform;
const arch = process.env.npm_config_arch ?? process.arch;
// main.ts looks for exactly this name (process.versions.modules is Electron's ABI there).
const target = path.join(root, 'dist', 'native', `better_sqlite3-electron-v${abi}-${platform}-${arch}.node`);

if (fs.existsSync(target)) process.exit(0);

const source = path.join(root, 'node_modules', 'better-sqlite3');
const work = path.join(root, 'node_modules', '.cache', 'hookscope-electron-sqlite', `${electronVersion}-${platform}-${arch}`);
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
  fs.cpSync(path.join(source, entry), path.join(work, entry), { recursive: true });
}

// The environment Electron documents for building native modules with npm's own tools.
const env = {
  ...process.env,
  npm_config_runtime: 'electron',
  npm_config_target: electronVersion,
  npm_config_disturl: 'https://electronjs.org/headers',
  npm_config_arch: arch,
  npm_config_target_arch: arch,
  npm_config_platform: platform,
};
const node = process.execPath;
const attempt = (label, args) => {
  console.log(`build-native-electron: ${label}`);
  return spawnSync(node, args, { cwd: work, env, stdio: 'inherit' }).status === 0;
};

const prebuildInstall = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
const nodeGyp = [
  process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  path.join(path.dirname(node), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].find((file) => file && fs.existsSync(file));

const built =
  attempt(`fetching the better-sqlite3 prebuild for Electron ${electronVersion} (${platform}-${arch})`, [
    prebuildInstall,
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--platform=${platform}`,
  ]) ||
  (nodeGyp !== undefined &&
    attempt(`compiling better-sqlite3 against Electron ${electronVersion} headers`, [nodeGyp, 'rebuild', '--release']));

const addon = path.join(work, 'build', 'Release', 'better_sqlite3.node');
if (!built || !fs.existsSync(addon)) {
  fs.rmSync(work, { recursive: true, force: true });
  console.error(
    `build-native-electron: could not get better-sqlite3 for Electron ${electronVersion}. It needs internet once ` +
      '(GitHub for the prebuild, electronjs.org for headers) and, to compile, a C++ toolchain and Python.',
  );
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(addon, target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`build-native-electron: ${path.relative(root, target)}`);
