// Makes sure dist/renderer holds a build of the current renderer sources before a browser test loads it: builds
// once when it is missing or older than any source file. A lock directory keeps parallel test workers from
// building at the same time (the second waits and then finds the build fresh).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const INDEX = path.join(RENDERER_DIR, 'index.html');
const LOCK = path.join(ROOT, 'dist/.renderer-build.lock');
const SOURCES = ['renderer', 'shared', 'vite.config.ts'];
const LOCK_STALE_MS = 120_000;

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function rendererIsFresh(): boolean {
  const built = fs.statSync(INDEX, { throwIfNoEntry: false });
  if (!built) return false;
  const newestSource = Math.max(...SOURCES.map((entry) => newestMtime(path.join(ROOT, entry))));
  return built.mtimeMs >= newestSource;
}

export async function ensureRendererBuilt(): Promise<string> {
  for (;;) {
    if (rendererIsFresh()) return RENDERER_DIR;
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    try {
      fs.mkdirSync(LOCK);
    } catch {
      const lock = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > LOCK_STALE_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (!rendererIsFresh()) {
        // A child process with NODE_ENV=production: inside vitest NODE_ENV is "test", and Vite would then bundle
        // React's development build (StrictMode double effects, a larger bundle) — not what users run.
        const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'production' },
          encoding: 'utf8',
        });
        if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
        // index.html is written before the slower assets finish on some file systems; touch it last.
        const now = new Date();
        fs.utimesSync(INDEX, now, now);
      }
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
    return RENDERER_DIR;
  }
}
