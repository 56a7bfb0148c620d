#!/usr/bin/env node
// Bundles the Node side with esbuild, in two sets that differ only in their SQLite:
// - dist/main/: the CLI (headless mode, plain Node) and its store threads. better-sqlite3 stays external and loads
//   the package's own build for Node's ABI from node_modules.
// - dist/desktop/: the desktop app's main process, services utility process, store threads and preload. Here
//   `better-sqlite3` is better-sqlite3-electron (better-sqlite3 13, a Node-API addon: one binary for every Electron
//   version, shipped in its npm package for each platform). Its per-platform entry is bundled and its addon copied
//   beside the bundles, so the packaged app needs no node_modules at all (electron-builder.yml unpacks the .node).
// Set HOOKSCOPE_DESKTOP_ARCH (x64, arm64) to build the desktop set for another architecture than this machine's.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOut = path.join(root, 'dist', 'main');
const desktopOut = path.join(root, 'dist', 'desktop');
const platform = process.env.HOOKSCOPE_DESKTOP_PLATFORM ?? process.platform;
const arch = process.env.HOOKSCOPE_DESKTOP_ARCH ?? process.arch;

// Bundled CommonJS dependencies call require() for Node built-ins; ESM output has no require, so give it one.
const requireShim = "import { createRequire as __hookscopeCreateRequire } from 'node:module';\n" +
  'const require = __hookscopeCreateRequire(import.meta.url);';

const common = {
  bundle: true,
  platform: 'node',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  format: 'esm',
  banner: { js: requireShim },
};
const storeThreads = {
  // The store's writer thread (engine/store/store-writer.ts starts it from beside the bundle that runs).
  'store-writer': path.join(root, 'electron/engine/store/writer-thread.ts'),
  // The background integrity check of a large store (engine/store/background-check.ts).
  'store-check': path.join(root, 'electron/engine/store/check-thread.ts'),
};

/** better-sqlite3-electron's public entry for one platform, or a clear error when it ships none for it. */
function desktopSqliteEntry() {
  const entry = `better-sqlite3-electron/${platform}-${arch}`;
  const exportsMap = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3-electron', 'package.json'), 'utf8'),
  ).exports;
  if (!exportsMap[`./${platform}-${arch}`]) {
    const offered = Object.keys(exportsMap).filter((key) => /^\.\/\w+-\w+$/.test(key)).map((key) => key.slice(2));
    console.error(
      `build-main: better-sqlite3-electron has no build for ${platform}-${arch} (it has ${offered.join(', ')}); ` +
        'the desktop app cannot be built here, headless mode can (npm run headless).',
    );
    process.exit(3);
  }
  return entry;
}

fs.rmSync(nodeOut, { recursive: true, force: true });
fs.rmSync(desktopOut, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: { cli: path.join(root, 'electron/cli/cli.ts'), ...storeThreads },
  outdir: nodeOut,
  external: ['better-sqlite3'],
  target: 'node20',
});

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: path.join(root, 'electron/desktop/main.ts'),
      'services-process': path.join(root, 'electron/desktop/services-process.ts'),
      ...storeThreads,
    },
    outdir: desktopOut,
    external: ['electron'],
    alias: { 'better-sqlite3': desktopSqliteEntry() },
    // The addon is copied beside the bundles under a content-hashed name and required from there.
    loader: { '.node': 'copy' },
    assetNames: 'better-sqlite3-[hash]',
    // Electron 45 runs Node 24 in its main and utility processes.
    target: 'node22',
  }),
  // Sandboxed preloads must be CommonJS and a single file (no require of our own modules at run time).
  build({
    ...common,
    format: 'cjs',
    banner: {},
    entryPoints: [path.join(root, 'electron/desktop/preload.ts')],
    outfile: path.join(desktopOut, 'preload.cjs'),
    external: ['electron'],
    target: 'chrome140',
  }),
]);

// The preload may only need Electron itself: a bundled zod or Node built-in would fail inside the sandbox.
const preload = fs.readFileSync(path.join(desktopOut, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
const unexpected = required.filter((name) => name !== 'electron');
if (unexpected.length > 0) {
  console.error(`build-main: the preload requires ${unexpected.join(', ')}; a sandboxed preload may only require electron`);
  process.exit(1);
}
const addons = fs.readdirSync(desktopOut).filter((name) => name.endsWith('.node'));
if (addons.length !== 1) {
  console.error(`build-main: expected one SQLite addon in dist/desktop, found ${addons.length}`);
  process.exit(1);
}
console.log(
  `build-main: dist/main/{cli,store-writer,store-check}.js; dist/desktop/{main,services-process,store-writer,` +
    `store-check}.js, preload.cjs and ${addons[0]} (${platform}-${arch})`,
);
