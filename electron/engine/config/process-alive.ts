// Whether a process id names a running process: how a file left by a killed Hookscope (instance.json,
// hookscope.lock) is told from one whose writer still runs.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
