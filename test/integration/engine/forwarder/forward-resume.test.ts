// Queued auto-forwards survive a stop and an unclean exit: what was not sent goes out at the next start, in the
// order the deliveries arrived; a stop waits a bounded time for forwards in flight.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DELIVERY_HEADER } from '../../../../electron/engine/forwarder/forward-request.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { request } from '../../../support/http.js';
import { header, startTarget, type ForwardTarget } from '../../../support/forward-target.js';
import { startTestHookscope, tempDir } from '../../../support/hookscope-harness.js';
import { spawnListen } from '../../../support/cli-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local server that takes `delay.ms` to answer each forward (changeable between runs). */
async function slowTarget(delay: { ms: number }): Promise<ForwardTarget> {
  const target = await startTarget(async (_request, res) => {
    await new Promise((resolve) => setTimeout(resolve, delay.ms));
    if (!res.destroyed) res.writeHead(200).end('ok');
  });
  cleanups.push(() => target.close());
  return target;
}

function dataDirWithAutoForward(url: string): string {
  const dataDir = tempDir();
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const sources = [{ name: 'bb', path: '/', scheme: 'buzzbip', forward: { url, auto: true, concurrency: 1 } }];
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ sources }));
  return dataDir;
}

async function sendMany(port: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await request(port, { method: 'POST', path: '/', body: `{"id":"evt_q${i}","type":"message.received"}` });
    expect(res.status).toBe(200);
    ids.push(res.json().id);
  }
  return ids;
}

const forwardedIds = (target: ForwardTarget) => target.requests.map((arrived) => header(arrived, DELIVERY_HEADER)!);

/** Each id once, in the order sent; a forward cut off mid-flight may be sent again after the restart. */
function expectAllInOrder(forwarded: string[], sent: string[]): void {
  const firstSeen = [...new Set(forwarded)];
  expect(firstSeen).toEqual(sent);
  expect(forwarded.length - firstSeen.length).toBeLessThanOrEqual(1);
}

describe('auto-forwards across restarts', () => {
  it('resumes what a clean stop left queued, in arrival order, after letting the forward in flight finish', async () => {
    const delay = { ms: 150 };
    const target = await slowTarget(delay);
    const dataDir = dataDirWithAutoForward(`${target.url}/hook`);
    const first = await startTestHookscope({ dataDir, forwardStopGraceMs: 2_000 });
    const sent = await sendMany(first.receiverPort, 30);
    await target.waitFor(1);
    await first.close();
    // The forward in flight was let finish: nothing was cut off.
    expect(target.responded).toBe(target.requests.length);
    const before = target.requests.length;
    expect(before).toBeLessThan(30);

    delay.ms = 0;
    const second = await startTestHookscope({ dataDir });
    cleanups.push(() => second.close());
    await target.waitFor(30);
    expectAllInOrder(forwardedIds(target), sent);
    expect(target.requests.length).toBe(30);
    await expect.poll(() => second.context.store.pendingForwards().length).toBe(0);
  });

  it('cuts off a forward that outlasts the stop grace, keeps it, and sends it at the next start', async () => {
    const delay = { ms: 60_000 };
    const target = await slowTarget(delay);
    const dataDir = dataDirWithAutoForward(`${target.url}/hook`);
    const first = await startTestHookscope({ dataDir, forwardStopGraceMs: 200 });
    const [id] = await sendMany(first.receiverPort, 1);
    await target.waitFor(1);
    const stopping = Date.now();
    await first.close();
    expect(Date.now() - stopping).toBeLessThan(5_000);

    const store = new Store(dataDir);
    expect(store.pendingForwards().map((pending) => pending.deliveryId)).toEqual([id]);
    expect(store.listForwards(id!)[0]?.error).toMatch(/cancel|abort/i);
    store.close();

    delay.ms = 0;
    const second = await startTestHookscope({ dataDir });
    cleanups.push(() => second.close());
    await target.waitFor(2);
    expect(forwardedIds(target)).toEqual([id, id]);
    await expect.poll(() => second.context.store.pendingForwards().length).toBe(0);
  });

  it('resumes in order after `hookscope listen` is killed with SIGKILL while forwards are queued', async () => {
    const delay = { ms: 100 };
    const target = await slowTarget(delay);
    const dataDir = dataDirWithAutoForward(`${target.url}/hook`);
    const listen = await spawnListen(dataDir, ['--quiet']);
    cleanups.push(() => listen.kill('SIGKILL'));
    const sent = await sendMany(listen.receiverPort, 25);
    await listen.kill('SIGKILL');
    expect(target.requests.length).toBeLessThan(25);

    delay.ms = 0;
    const second = await startTestHookscope({ dataDir });
    cleanups.push(() => second.close());
    // The forward the kill cut off is sent again, so count distinct deliveries.
    await expect.poll(() => new Set(forwardedIds(target)).size).toBe(25);
    expectAllInOrder(forwardedIds(target), sent);
  });

  it('drops what was queued for a source that no longer auto-forwards', async () => {
    const delay = { ms: 60_000 };
    const target = await slowTarget(delay);
    const dataDir = dataDirWithAutoForward(`${target.url}/hook`);
    const first = await startTestHookscope({ dataDir, forwardStopGraceMs: 50 });
    await sendMany(first.receiverPort, 3);
    await first.close();
    const config = JSON.parse(fs.readFileSync(path.join(dataDir, 'config.json'), 'utf8'));
    config.sources[0].forward.auto = false;
    fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config));
    const second = await startTestHookscope({ dataDir });
    cleanups.push(() => second.close());
    expect(second.context.store.pendingForwards()).toEqual([]);
  });
});
