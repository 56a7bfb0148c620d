// Failure simulation and the Meta verification handshake, through the real receiver: a sender that retries like
// BuzzBip sees the failures it was set up to see, Hookscope stores what it answered, and the Retries view explains
// each retry.
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/domain.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { request } from '../../../support/http.js';
import { startTestHookscope } from '../../../support/hookscope-harness.js';
import { sendLikeBuzzBip } from '../../../support/retrying-sender.js';

const SECRET = 'bb_failure_sim';
type Running = Awaited<ReturnType<typeof startTestHookscope>>;
const running: Running[] = [];
afterEach(async () => {
  for (const hookscope of running.splice(0)) await hookscope.cleanup();
});

async function start(buzzbip: Record<string, unknown>): Promise<Running> {
  const hookscope = await startTestHookscope();
  running.push(hookscope);
  const sources: SourceConfig[] = [
    SourceConfigSchema.parse({ name: 'default', path: '/' }),
    SourceConfigSchema.parse({ name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [SECRET], ...buzzbip }),
  ];
  await hookscope.service.putSources(sources);
  return hookscope;
}

const event = (id: string, type = 'message.received') => JSON.stringify({ id, type, createdAt: '2026-12-01T10:00:00Z', data: {} });

describe('failure simulation', () => {
  it('fails the first N attempts of each event id, and the sender gets through on the next', async () => {
    const hookscope = await start({ response: { failFirst: 2, failStatus: 503 } });
    const attempts = await sendLikeBuzzBip({ port: hookscope.receiverPort, path: '/buzzbip', body: event('evt_ff'), secret: SECRET });
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
    // A second event starts its own count.
    const second = await sendLikeBuzzBip({ port: hookscope.receiverPort, path: '/buzzbip', body: event('evt_ff2'), secret: SECRET });
    expect(second.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
    const timeline = await hookscope.service.getEvent('evt_ff', { source: 'buzzbip' });
    expect(timeline.attempts.map((attempt) => [attempt.status, attempt.cause])).toEqual([
      [503, null],
      [503, 'non-2xx'],
      [200, 'non-2xx'],
    ]);
    // The failing answer says why, so nobody mistakes it for a bug in their sender.
    const failed = await request(hookscope.receiverPort, { method: 'POST', path: '/buzzbip', body: event('evt_ff3') });
    expect(failed.json().error).toMatch(/fails this attempt on purpose.*attempt 1 of 2/);
  });

  it('counts attempts stored before a restart', async () => {
    const hookscope = await start({ response: { failFirst: 1 } });
    await request(hookscope.receiverPort, { method: 'POST', path: '/buzzbip', body: event('evt_restart') });
    const dataDir = hookscope.dataDir;
    await hookscope.close();
    const again = await startTestHookscope({ dataDir });
    running.push(again);
    const res = await request(again.receiverPort, { method: 'POST', path: '/buzzbip', body: event('evt_restart') });
    expect(res.status).toBe(200);
  });

  it('fails only the event types it is given', async () => {
    const hookscope = await start({ response: { failRate: 1, failEvents: ['message.*'] } });
    const contact = await sendLikeBuzzBip({ port: hookscope.receiverPort, path: '/buzzbip', body: event('evt_c', 'contact.updated'), secret: SECRET, retries: 0 });
    const message = await sendLikeBuzzBip({ port: hookscope.receiverPort, path: '/buzzbip', body: event('evt_m', 'message.sent'), secret: SECRET, retries: 2 });
    expect(contact.map((attempt) => attempt.status)).toEqual([200]);
    expect(message.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
  });

  it('holds the answer past the platform limit, so the sender times out and retries, and the retry reads as late', async () => {
    const hookscope = await start({ platform: 'vobiz', response: { failFirst: 1, failTimeout: true } });
    // The sender's limit is shortened; what Hookscope records is the hold it chose: Vobiz's 5 s plus 1 s.
    const attempts = await sendLikeBuzzBip({ port: hookscope.receiverPort, path: '/buzzbip', body: event('evt_late'), secret: SECRET, limitMs: 300 });
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['timeout', 'ok']);
    const timeline = await hookscope.service.getEvent('evt_late', { source: 'buzzbip' });
    expect(timeline.attempts[0]!.answerMs).toBe(6_000);
    expect(timeline.attempts[1]!.cause).toBe('late');
  });
});

describe('Meta verification handshake', () => {
  it('echoes the challenge as plain text when the verify token matches, 403 when not, and records both', async () => {
    const hookscope = await start({ path: '/buzzbip', verifyToken: 'my-verify-token' });
    const ok = await request(hookscope.receiverPort, { path: '/buzzbip?hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=1158201444' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    expect(ok.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    const wrong = await request(hookscope.receiverPort, { path: '/buzzbip?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1' });
    expect(wrong.status).toBe(403);
    // A source without a token answers as configured.
    const other = await request(hookscope.receiverPort, { path: '/?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' });
    expect(other.status).toBe(200);
    expect(other.text).not.toBe('1');
    const page = await hookscope.service.listDeliveries({ source: 'buzzbip' });
    expect(page.items.map((item) => [item.method, item.status])).toEqual([
      ['GET', 403],
      ['GET', 200],
    ]);
  });

  it('then verifies X-Hub-Signature-256 deliveries signed with the app secret', async () => {
    const hookscope = await start({ scheme: 'github', verifyToken: 'tok' });
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const signature = `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await request(hookscope.receiverPort, { method: 'POST', path: '/buzzbip', headers: { 'X-Hub-Signature-256': signature }, body });
    const detail = await hookscope.service.getDelivery(res.json().id);
    expect(detail.signature.status).toBe('valid');
  });
});
