// Loaded with --import into a plain Node child (fork, advanced serialization) so that electron/desktop/services-
// process.ts runs as it does in Electron's utility process: process.parentPort carries the lifecycle messages, and
// the MessagePortMain sent with `start` carries the InspectorApi. Both travel over the fork's IPC channel, tagged
// { lifecycle } or { api }; test/integration/desktop/services-process.test.ts is the other end.
type Listener = (event: { data: unknown; ports: unknown[] }) => void;
type PortListener = (event: { data: unknown }) => void;

const lifecycle = new Set<Listener>();
/** Like Electron's parentPort, messages that arrive before a listener wait for it. */
const queued: { data: unknown; ports: unknown[] }[] = [];
const apiListeners = new Set<PortListener>();
const closeListeners = new Set<() => void>();

const apiPort = {
  on(event: 'message' | 'close', listener: PortListener | (() => void)) {
    if (event === 'message') apiListeners.add(listener as PortListener);
    else closeListeners.add(listener as () => void);
  },
  off(event: 'message' | 'close', listener: PortListener | (() => void)) {
    if (event === 'message') apiListeners.delete(listener as PortListener);
    else closeListeners.delete(listener as () => void);
  },
  postMessage: (message: unknown) => process.send!({ api: message }),
  start: () => undefined,
};

process.on('message', (message: { lifecycle?: { kind: string }; api?: unknown }) => {
  if (message.api !== undefined) {
    for (const listener of apiListeners) listener({ data: message.api });
  } else if (message.lifecycle) {
    const event = { data: message.lifecycle, ports: message.lifecycle.kind === 'start' ? [apiPort] : [] };
    if (lifecycle.size === 0) queued.push(event);
    for (const listener of lifecycle) listener(event);
  }
});

(process as unknown as { parentPort: unknown }).parentPort = {
  on: (_event: 'message', listener: Listener) => {
    lifecycle.add(listener);
    for (const event of queued.splice(0)) listener(event);
  },
  postMessage: (message: unknown) => process.send!({ lifecycle: message }),
};
