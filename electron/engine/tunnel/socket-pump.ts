// One tunnel slot: a TCP socket to the localtunnel server's port for our registration, spliced to a connection to
// the receiver, bytes piped both ways untouched (no Host rewriting: that would have to decode the stream and could
// corrupt a binary body and its signature). This is the part of the localtunnel client Hookscope needs; owning it
// (instead of driving @n8n/localtunnel's private lib/TunnelCluster.js) means every failure is reported, not only
// ECONNREFUSED (upstream emits only that one, as an 'error' that crashes a process without a listener:
// localtunnel/localtunnel#81, #321), and nothing reopens towards a port that is no longer ours. The protocol: the server hands out a
// port (see handshake.ts), we dial it `maxConn` times, and it writes each public request into one of those sockets.
import net from 'node:net';
import { SYSTEM_CLOCK, type Clock } from '../clock.js';

/** A receiver that refuses or resets the local connection (restarting, briefly busy) is dialled again after this. */
export const LOCAL_RETRY_MS = 1_000;

export interface SocketPumpOptions {
  remoteHost: string;
  remotePort: number;
  localHost: string;
  localPort: number;
  clock?: Clock;
  /** The remote socket is connected: the public URL can reach us through it. */
  onOpen: (remote: net.Socket) => void;
  /** The remote socket could not be opened (never called after onOpen; watch the socket's 'close' for that). */
  onFail: (reason: string) => void;
}

/** Opens one slot. Destroying the returned remote socket ends the slot and its local connection. */
export function openSocketPump(options: SocketPumpOptions): net.Socket {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const remote = net.connect({ host: options.remoteHost, port: options.remotePort });
  let opened = false;
  remote.setKeepAlive(true);
  remote.on('error', (error: NodeJS.ErrnoException) => {
    // Without a listener an 'error' would crash the process; before 'connect' it is the slot's failure.
    if (!opened) options.onFail(describeSocketError(error, `${options.remoteHost}:${options.remotePort}`));
    remote.destroy();
  });
  remote.once('connect', () => {
    opened = true;
    // Hold what the server writes until the receiver is connected, so no byte of a request is lost.
    remote.pause();
    options.onOpen(remote);
    connectLocal();
  });

  function connectLocal(): void {
    if (remote.destroyed) return;
    const local = net.connect({ host: options.localHost, port: options.localPort });
    const endLocal = () => local.destroy();
    remote.once('close', endLocal);
    local.once('error', (error: NodeJS.ErrnoException) => {
      remote.off('close', endLocal);
      local.destroy();
      if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') {
        clock.setTimeout(connectLocal, LOCAL_RETRY_MS, { unref: true, label: 'tunnel.local-redial' });
      } else {
        remote.destroy();
      }
    });
    local.once('connect', () => {
      remote.pipe(local).pipe(remote);
      remote.resume();
    });
  }

  return remote;
}

function describeSocketError(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused: ${where}`;
    case 'ECONNRESET':
      return `connection reset: ${where}`;
    case 'ETIMEDOUT':
      return `timed out: ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${where}`;
    default:
      return `${error.message} (${where})`;
  }
}
