// `hookscope replay <id> --to <url>`: forwards one stored delivery and prints what the local server answered. When a
// `hookscope listen` serves the data folder (its <data>/hookscope.lock names its API port), the forward goes through its API, so its
// inspector shows the attempt live; otherwise the command opens the database itself. Also formats the line the CLI
// prints per forward while listening.
import type { ForwardAttempt, ForwardRequest } from '../../shared/domain.js';
import { callOverHttp } from '../../shared/http-call.js';
import { readApiToken } from '../engine/config/api-token.js';
import { runningInstance, type RunningInstance } from '../engine/config/folder-lock.js';
import { ApiError } from '../../shared/api-error.js';
import { DeliveryIdSchema, ForwardRequestSchema, parseOrThrow } from '../../shared/schemas.js';
import { ConfigError } from '../engine/config/config.js';
import { withFolderStore } from './data-folder.js';
import { Forwarder } from '../engine/forwarder/forwarder.js';
import { clean, paint } from './format.js';

export interface ReplayOptions {
  data: string;
  to?: string;
  secret?: string;
  config?: string;
}

export function formatForward(attempt: ForwardAttempt): string {
  const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  const outcome =
    attempt.status === null
      ? paint('red', 'failed')
      : paint(ok ? 'green' : attempt.status < 400 ? 'yellow' : 'red', String(attempt.status));
  const reason = attempt.error ? `  ${paint(ok ? 'yellow' : 'red', clean(attempt.error, 120))}` : '';
  const tags = [attempt.kind !== 'auto' ? attempt.kind : '', attempt.resigned ? 're-signed' : '', attempt.edited ? 'edited' : '']
    .filter(Boolean)
    .join(', ');
  return (
    `         ${paint('cyan', '↳ forward')}  ${outcome}  ${clean(attempt.target, 60)}  ${attempt.durationMs.toFixed(1)} ms` +
    (tags ? paint('dim', `  (${tags})`) : '') +
    reason +
    `  ${paint('dim', attempt.deliveryId)}`
  );
}

/** Returns the process exit code: 0 when the local server answered 2xx. */
export async function replay(id: string, options: ReplayOptions): Promise<number> {
  const request: ForwardRequest = { ...(options.to ? { url: options.to } : {}), ...(options.secret ? { secret: options.secret } : {}) };
  try {
    const running = runningInstance(options.data);
    const attempt = running ? await forwardThrough(running, options.data, id, request) : await forwardFromStore(id, request, options);
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    console.log(`${attempt.kind === 'manual' ? 'replayed' : attempt.kind} ${id} → ${attempt.target}`);
    console.log(`  status    ${attempt.status ?? paint('red', 'no response')}`);
    console.log(`  duration  ${attempt.durationMs.toFixed(1)} ms`);
    if (attempt.resigned) console.log('  signature re-signed with the given secret');
    if (attempt.error) console.log(`  error     ${paint('red', clean(attempt.error, 200))}`);
    if (running) console.log(paint('dim', `  via the running instance (pid ${running.pid}, inspector on port ${running.apiPort})`));
    return ok ? 0 : 1;
  } catch (error) {
    const message =
      error instanceof ApiError || error instanceof ConfigError ? error.message : (error as Error)?.message ?? String(error);
    console.error(paint('red', `hookscope: ${message}`, process.stderr));
    return 2;
  }
}

/** The running instance forwards it: POST /api/deliveries/:id/forward, as the route table describes it. */
async function forwardThrough(instance: RunningInstance, dataDir: string, id: string, request: ForwardRequest): Promise<ForwardAttempt> {
  const token = readApiToken(dataDir);
  return (await callOverHttp(`http://127.0.0.1:${instance.apiPort}`, 'forward', [id, request], token ?? undefined)) as ForwardAttempt;
}

/** No instance runs on this folder: open its database and forward from there. */
function forwardFromStore(id: string, request: ForwardRequest, options: ReplayOptions): Promise<ForwardAttempt> {
  return withFolderStore(options, async ({ config, store }) => {
    const forwarder = new Forwarder({
      store,
      getSource: (name) => config.getSources().find((source) => source.name === name),
      publish: () => undefined,
    });
    // The command line is a door too: judge the arguments as the API would.
    return forwarder.forward(parseOrThrow(DeliveryIdSchema, id, 'id'), parseOrThrow(ForwardRequestSchema, request));
  });
}
