// `npm run bench`: runs every benchmark module (or those named on the command line) and prints one table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** module file → exported function, in run order. */
const SUITES: [string, string][] = [
  ['core.ts', 'benchCore'],
  ['forward.ts', 'benchForward'],
  ['tunnel-recovery.ts', 'benchTunnelRecovery'],
  ['event-loop.ts', 'benchEventLoop'],
  ['ui.ts', 'benchUi'],
];

const only = process.argv.slice(2);
let failed = false;
for (const [file, fn] of SUITES) {
  if (only.length && !only.some((name) => file.startsWith(name))) continue;
  const full = path.join(here, file);
  if (!fs.existsSync(full)) continue;
  console.log(`\n${file}`);
  try {
    const module = (await import(pathToFileURL(full).href)) as Record<string, () => Promise<BenchResult[]>>;
    const results = await module[fn]!();
    for (const result of results) {
      const value = result.value >= 100 ? result.value.toFixed(0) : result.value.toFixed(2);
      console.log(`  ${result.name.padEnd(60)} ${value.padStart(10)} ${result.unit}`);
    }
  } catch (error) {
    failed = true;
    console.error(`  failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
