// An unhandled rejection or uncaught exception in the process that holds the receiver is logged, never fatal.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const GUARDS = path.resolve('electron/composition/crash-guards.ts');

function run(script: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
}

describe('crash guards', () => {
  it('logs an unhandled rejection and an uncaught exception and keeps the process running', () => {
    const result = run(`
      const { installCrashGuards } = await import(${JSON.stringify(GUARDS)});
      installCrashGuards();
      Promise.reject(new Error('boom from a handler'));
      setTimeout(() => { throw new Error('thrown in a timer'); }, 5);
      setTimeout(() => { console.log('still running'); }, 50);
    `);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still running');
    expect(result.stderr).toMatch(/unexpected error was caught; Hookscope keeps running[\s\S]*boom from a handler/);
    expect(result.stderr).toMatch(/unexpected exception was caught[\s\S]*thrown in a timer/);
  });

  it('is what ends the process otherwise (the case the guard exists for)', () => {
    const result = run(`Promise.reject(new Error('boom')); setTimeout(() => console.log('still running'), 50);`);
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('still running');
  });
});
