// `hookscope replay <id> --to <url>`: forwards one stored delivery from a data folder (a running `listen` may hold
// the same database; SQLite WAL lets both in) and prints what the local server answered. Also formats the line the
// CLI prints per forward while listening.
import fs from 'node:fs';
import path from 'node:path';
import type { ForwardAttempt } from '../../shared/domain.js';
import { ApiError } from '../../shared/api-error.js';
import { Config, ConfigError } from '../engine/config/config.js';
import { Forwarder } from '../engine/forwarder/forwarder.js';
import { DATABASE_FILE, Store } from '../engine/store/store.js';
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
  let store: Store | null = null;
  try {
    // Opening a Store creates an empty database; a mistyped --data should say so instead.
    if (!fs.existsSync(path.join(options.data, DATABASE_FILE))) {
      throw new ConfigError(`no Hookscope database in ${path.resolve(options.data)} (pass the folder of \`listen\` with --data)`);
    }
    const config = Config.load({ dataDir: options.data, configFile: options.config });
    store = new Store(options.data);
    const forwarder = new Forwarder({
      store,
      getSource: (name) => config.getSources().find((source) => source.name === name),
      publish: () => undefined,
    });
    const request = { ...(options.to ? { url: options.to } : {}), ...(options.secret ? { secret: options.secret } : {}) };
    const attempt = await forwarder.forward(id, request);
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    console.log(`${attempt.kind === 'manual' ? 'replayed' : attempt.kind} ${id} → ${attempt.target}`);
    console.log(`  status    ${attempt.status ?? paint('red', 'no response')}`);
    console.log(`  duration  ${attempt.durationMs.toFixed(1)} ms`);
    if (attempt.resigned) console.log('  signature re-signed with the given secret');
    if (attempt.error) console.log(`  error     ${paint('red', clean(attempt.error, 200))}`);
    return ok ? 0 : 1;
  } catch (error) {
    const message =
      error instanceof ApiError || error instanceof ConfigError ? error.message : (error as Error)?.message ?? String(error);
    console.error(paint('red', `hookscope: ${message}`, process.stderr));
    return 2;
  } finally {
    store?.close();
  }
}
