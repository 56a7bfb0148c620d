#!/usr/bin/env node
// `npm test`: runs every test (unit, integration, end-to-end in Chromium) with vitest, then prints the one summary
// line CI reads: "N passed, N failed". Extra arguments go to vitest (e.g. `npm test -- test/unit`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const report = path.resolve('test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const chromium = process.env.HOOKSCOPE_CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(
    `run-tests: the end-to-end tests drive Chromium at ${chromium}, which is missing: ` +
      '`apt-get install -y chromium` (Debian/Ubuntu), or set HOOKSCOPE_CHROMIUM to a Chromium or Chrome binary. ' +
      'They will fail until then.',
  );
}

const vitest = path.resolve('node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = result.numPassedTests ?? 0;
  failed = (result.numFailedTests ?? 0) + (result.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(result);
  skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
} else {
  failed = 1;
  console.error('run-tests: vitest wrote no report');
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status);

/** A file that failed to load counts once; a file whose tests failed is already counted by its tests. */
function countSuitesWithFailedTests(result) {
  return (result.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}
