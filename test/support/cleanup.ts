// Per-test teardown: what a test defers runs after it, newest first, even when the test failed.
import { afterEach } from 'vitest';

export type Defer = (cleanup: () => Promise<void> | void) => void;

/** Call once at the top of a test file; returns the function tests use to defer their cleanups. */
export function deferredCleanup(): Defer {
  const pending: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of pending.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => {
    pending.push(cleanup);
  };
}
