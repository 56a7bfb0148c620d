// `npm run bench`: runs every benchmark module (or those named on the command line) and prints one table.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOptions, BenchResult } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** module file → exported function, in run order. */
const SUITES: [string, string][] = [
  ['ingest.ts', 'benchIngest'],
  ['forward.ts', 'benchForward'],
  ['transfer.ts', 'benchTransfer'],
  ['delete.ts', 'benchDelete'],
  ['tunnel-recovery.ts', 'benchTunnelRecovery'],
  ['event-loop.ts', 'benchEventLoop'],
  ['ui.ts', 'benchUi'],
  ['compare.ts', 'benchCompare'],
];

const args = process.argv.slice(2);
const options: BenchOptions = { quick: args.includes('--quick') };
const only = args.filter((arg) => !arg.startsWith('--'));
const benchStarted = performance.now();
let failed = false;
for (const [file, fn] of SUITES) {
  if (only.length && !only.some((name) => file.startsWith(name))) continue;
  const full = path.join(here, file);
  if (!fs.existsSync(full)) continue;
  console.log(`\n${file}`);
  try {
    const suiteStarted = performance.now();
    const module = (await import(pathToFileURL(full).href)) as Record<string, (options: BenchOptions) => Promise<BenchResult[]>>;
    const results = await module[fn]!(options);
    for (const result of results) {
      const value = result.value >= 100 ? result.value.toFixed(0) : result.value.toFixed(2);
      console.log(`  ${result.name.padEnd(66)} ${value.padStart(10)} ${result.unit}`);
    }
    console.log(`  (${file}: ${((performance.now() - suiteStarted) / 1000).toFixed(0)} s)`);
  } catch (error) {
    failed = true;
    console.error(`  failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
console.log(`\nwhole bench: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s${options.quick ? ' (--quick)' : ''}`);
process.exit(failed ? 1 : 0);
