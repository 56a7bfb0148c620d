// `hookscope replay --file deliveries.jsonl --to URL [--secret S]`: a webhook regression test with no platform and
// no running Hookscope. Sends every delivery of an export (JSON Lines or HAR) in the file's order (an export's is
// received order), byte for byte or re-signed with the given secret by the scheme each one carries, prints each
// answer, and exits 1 when any answer is not 2xx (2 when the file cannot be read).
import fs from 'node:fs';
import type { SchemeId } from '../../shared/schemas.js';
import { buildForwardRequest } from '../engine/forwarder/forward-request.js';
import { send } from '../engine/forwarder/send.js';
import { detectScheme } from '../engine/signatures/index.js';
import { readHar, readJsonLines, sniffFormat, type ReadEntry } from '../engine/transfer/read-deliveries.js';
import { clean, paint } from './format.js';

export interface ReplayFileOptions {
  file: string;
  to: string;
  secret?: string;
  /** Per request, default 10 s. */
  timeoutMs?: number;
}

async function* entriesOf(file: string): AsyncGenerator<ReadEntry> {
  const head = Buffer.alloc(200);
  const fd = fs.openSync(file, 'r');
  const length = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (sniffFormat(head.toString('utf8', 0, length)) === 'har') yield* readHar(fs.readFileSync(file, 'utf8'));
  else yield* readJsonLines(fs.createReadStream(file));
}

export async function replayFile(options: ReplayFileOptions): Promise<number> {
  if (!fs.existsSync(options.file)) {
    console.error(paint('red', `hookscope: ${options.file}: no such file`, process.stderr));
    return 2;
  }
  let sent = 0;
  let failed = 0;
  let unreadable = 0;
  for await (const item of entriesOf(options.file)) {
    if ('error' in item) {
      unreadable += 1;
      console.error(paint('red', `  entry ${item.entry}: ${item.error}`, process.stderr));
      if (item.entry === 0) return 2;
      continue;
    }
    const delivery = item.delivery;
    const scheme: SchemeId | null = detectScheme(delivery.headers);
    const built = buildForwardRequest({
      deliveryId: delivery.id ?? `entry-${item.entry}`,
      method: delivery.method,
      headers: delivery.headers,
      body: delivery.body,
      target: options.to,
      resign: options.secret && scheme ? { secret: options.secret, scheme, generic: null, explicit: true } : null,
    });
    const result = await send(built, { timeoutMs: options.timeoutMs ?? 10_000 });
    sent += 1;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    if (!ok) failed += 1;
    const status = result.status === null ? paint('red', 'no answer') : paint(ok ? 'green' : 'red', String(result.status));
    const what = clean(`${delivery.method} ${delivery.path}`, 40);
    const body = result.responseBody ? paint('dim', `  ${clean(result.responseBody, 80)}`) : '';
    const error = result.error ? `  ${paint('red', clean(result.error, 120))}` : '';
    const signed = built.resignedWith ? paint('dim', ` (re-signed ${built.resignedWith})`) : '';
    console.log(`${String(item.entry).padStart(4)}  ${status}  ${what}${signed}  ${result.durationMs.toFixed(0)} ms${error}${body}`);
  }
  const summary = `${sent} sent, ${sent - failed} answered 2xx, ${failed} not${unreadable ? `, ${unreadable} entries unreadable` : ''}`;
  console.log(failed || unreadable ? paint('red', summary) : paint('green', summary));
  return failed || unreadable ? 1 : 0;
}
