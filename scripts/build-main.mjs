#!/usr/bin/env node
// Bundles the Node side with esbuild: the CLI (plain Node, headless), and the desktop app's main process, services
// utility process and preload. `electron` and `better-sqlite3` stay external: Electron provides the first, and the
// second is a native addon loaded from node_modules (Node) or from dist/native (Electron, see build-native-electron).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'main');

// Bundled CommonJS dependencies call require() for Node built-ins; ESM output has no require, so give it one.
const requireShim = "import { createRequire as __hookscopeCreateRequire } from 'node:module';\n" +
  'const require = __hookscopeCreateRequire(import.meta.url);';

const common = {
  bundle: true,
  platform: 'node',
  external: ['electron', 'better-sqlite3'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

fs.rmSync(outdir, { recursive: true, force: true });

await Promise.all([
  build({
    ...common,
    entryPoints: {
      cli: path.join(root, 'electron/cli/cli.ts'),
      main: path.join(root, 'electron/desktop/main.ts'),
      'services-process': path.join(root, 'electron/desktop/services-process.ts'),
      // The store's writer thread (engine/store/store-writer.ts starts it from beside the bundle that runs).
      'store-writer': path.join(root, 'electron/engine/store/writer-thread.ts'),
      // The background integrity check of a large store (engine/store/background-check.ts).
      'store-check': path.join(root, 'electron/engine/store/check-thread.ts'),
    },
    outdir,
    format: 'esm',
    target: 'node20',
    banner: { js: requireShim },
  }),
  // Sandboxed preloads must be CommonJS and a single file (no require of our own modules at run time).
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/desktop/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    format: 'cjs',
    target: 'chrome140',
  }),
]);

// The preload may only need Electron itself: a bundled zod or Node built-in would fail inside the sandbox.
const preload = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
const unexpected = required.filter((name) => name !== 'electron');
if (unexpected.length > 0) {
  console.error(`build-main: the preload requires ${unexpected.join(', ')}; a sandboxed preload may only require electron`);
  process.exit(1);
}
console.log(`build-main: dist/main/{cli,main,services-process,store-writer,store-check}.js and preload.cjs`);
