// Reads a large store through in a thread of its own (check-thread.ts): what open found too big to check at once
// (store-check.ts) is checked in the background, at most once a day, and damage it finds is reported like any other.
import { Worker } from 'node:worker_threads';
import type { CheckData, CheckResult } from './check-thread.js';
import { threadEntry } from './thread-entry.js';

/** A file found sound this recently is not read through again. */
export const RECHECK_AFTER_MS = 24 * 60 * 60 * 1000;

export interface BackgroundCheck {
  result: Promise<CheckResult>;
  /** Stops the check (Hookscope is closing); result then never settles. */
  cancel(): Promise<void>;
}

export function checkInBackground(file: string): BackgroundCheck {
  const entry = threadEntry('store-check', 'check-thread.ts');
  const workerData: CheckData = { file };
  const worker = new Worker(entry.script, { eval: entry.eval, workerData });
  const result = new Promise<CheckResult>((resolve) => {
    worker.once('message', (message: CheckResult) => resolve(message));
    worker.once('error', (error) => resolve({ state: 'skipped', reason: error.message }));
  });
  return {
    result,
    cancel: async () => {
      await worker.terminate();
    },
  };
}
