// Which local port the receiver listens on when none is given: the one saved for this data folder (<data>/receiver-port),
// 8787 the first time. If that port is taken (the desktop app beside headless mode, a second instance on another
// data folder, anything else), the receiver takes a free port for this run and says so; the tunnel exposes whatever
// port is used, so the public URL does not change. The first port a data folder gets is saved, so it keeps it; a
// fallback port is not saved, so the folder goes back to its own port once that is free again.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_RECEIVER_PORT = 8787;
export const RECEIVER_PORT_FILE = 'receiver-port';

export interface PortChoice {
  port: number;
  /** Said to the user when the saved port was taken; null when the preferred port was used. */
  note: string | null;
}

export function savedReceiverPort(dataDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, RECEIVER_PORT_FILE), 'utf8').trim();
  } catch {
    return null;
  }
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port <= 65_535 ? port : null;
}

/**
 * Listens through `listen` (which rejects with EADDRINUSE for a taken port) on this data folder's port, or on a
 * free one when that is taken. Other listen errors (EACCES, EADDRNOTAVAIL) are not hidden.
 */
export async function listenOnDataDirPort(
  dataDir: string,
  listen: (port: number) => Promise<number>,
  defaultPort = DEFAULT_RECEIVER_PORT,
): Promise<PortChoice> {
  const saved = savedReceiverPort(dataDir);
  const preferred = saved ?? defaultPort;
  try {
    const port = await listen(preferred);
    if (saved === null) save(dataDir, port);
    return { port, note: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  }
  const port = await listen(0);
  if (saved === null) save(dataDir, port);
  return {
    port,
    note:
      saved === null
        ? `port ${preferred} (the default port) is in use, so the receiver listens on ${port}, which is now this data ` +
          "folder's port"
        : `port ${preferred} (this data folder's port) is in use, so the receiver listens on ${port} for this run; it ` +
          `goes back to ${preferred} once that is free`,
  };
}

function save(dataDir: string, port: number): void {
  try {
    fs.writeFileSync(path.join(dataDir, RECEIVER_PORT_FILE), `${port}\n`, { mode: 0o600 });
  } catch {
    // Not saving only means the choice is made again next time.
  }
}
