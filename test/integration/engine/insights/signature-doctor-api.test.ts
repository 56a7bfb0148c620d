// The signature doctor, secret rotation, retries and source reports through the real receiver and the HTTP API:
// a delivery sent to the wrong source's URL is diagnosed and fixed with one call, rotated Vobiz secrets re-verify
// history in the background, a retried BuzzBip event explains each retry, and a source reports its event coverage.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryDetail, DeliveryPage, EventTimeline, SourceConfig, SourceReport } from '../../../../shared/domain.js';
import { api, request } from '../../../support/http.js';
import { buzzbipSignature, startTestHookscope } from '../../../support/hookscope-harness.js';
import { waitUntil } from '../../../support/wait.js';

const BUZZBIP_SECRET = 'bzb_3f9a7c21e8d04b6a';
const VOBIZ_OLD = 'vbz_old_91c2e0aa47d3';
const VOBIZ_NEW = 'vbz_new_5b7f10c9e2aa';

let hs: Awaited<ReturnType<typeof startTestHookscope>>;

async function putSources(sources: Partial<SourceConfig>[]) {
  const res = await api<SourceConfig[]>(hs.apiPort!, 'PUT', '/api/sources', sources);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeEach(async () => {
  hs = await startTestHookscope();
  await putSources([
    { name: 'default', path: '/' },
    { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET] },
    { name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: [VOBIZ_OLD] },
  ]);
});
afterEach(async () => {
  await hs.cleanup();
});

function event(id: string, type = 'message.received'): Buffer {
  return Buffer.from(JSON.stringify({ id, type, createdAt: '2026-06-01T14:32:00Z', data: { from: '+21612345678' } }));
}

async function post(path: string, body: Buffer, headers: Record<string, string>): Promise<string> {
  const res = await request(hs.receiverPort, { method: 'POST', path, headers: { 'Content-Type': 'application/json', ...headers }, body });
  return String(res.headers['x-hookscope-delivery']);
}

async function detail(id: string): Promise<DeliveryDetail> {
  const res = await api<DeliveryDetail>(hs.apiPort!, 'GET', `/api/deliveries/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('signature doctor over the API', () => {
  it('diagnoses a BuzzBip delivery sent to the root URL, and files it under buzzbip in one call', async () => {
    const body = event('evt_wrong_url');
    const id = await post('/', body, { 'X-BuzzBip-Signature': buzzbipSignature(body, BUZZBIP_SECRET) });
    const before = await detail(id);
    expect(before.source).toBe('default');
    expect(before.signature.status).toBe('no-secret');
    const finding = before.signature.diagnosis![0]!;
    expect(finding).toMatchObject({ code: 'other-source-secret', source: 'buzzbip' });
    expect(finding.message).toContain('signed with the secret of source "buzzbip"');

    const fixed = await api(hs.apiPort!, 'POST', `/api/deliveries/${id}/signature-fix`, { action: 'move-to-source', source: 'buzzbip' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.delivery).toMatchObject({ id, source: 'buzzbip', signature: { status: 'valid' } });
    const after = await detail(id);
    expect(after.signature.status).toBe('valid');
    expect(after.signature.diagnosis).toBeUndefined();

    // The fix no longer applies once made.
    const again = await api(hs.apiPort!, 'POST', `/api/deliveries/${id}/signature-fix`, { action: 'move-to-source', source: 'buzzbip' });
    expect(again.status).toBe(409);
  });

  it('copies the other source\'s secret, and the source\'s other deliveries turn valid in the background', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const body = event(`evt_copy_${n}`);
      ids.push(await post('/', body, { 'X-BuzzBip-Signature': buzzbipSignature(body, BUZZBIP_SECRET) }));
    }
    const fixed = await api(hs.apiPort!, 'POST', `/api/deliveries/${ids[0]}/signature-fix`, { action: 'copy-secret', source: 'buzzbip' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.message).toContain('added the secret of "buzzbip" to "default" as secret #1');
    await waitUntil(async () => {
      const page = await api<DeliveryPage>(hs.apiPort!, 'GET', '/api/deliveries?source=default&signature=valid');
      return page.body.items.length === 5;
    }, 'every default delivery is valid');
  });

  it('answers 400 naming the field for a bad fix request', async () => {
    const body = event('evt_bad_fix');
    const id = await post('/', body, {});
    const bad = await api(hs.apiPort!, 'POST', `/api/deliveries/${id}/signature-fix`, { action: 'guess', source: 'buzzbip' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('action');
    const unknown = await api(hs.apiPort!, 'POST', `/api/deliveries/${id}/signature-fix`, { action: 'copy-secret', source: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('source');
  });
});

describe('secret rotation', () => {
  const vobiz = (body: Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

  it('re-verifies a source\'s history when its secrets change, and reports which secret verified when', async () => {
    for (let n = 0; n < 3; n += 1) {
      const body = event(`evt_old_${n}`, 'message.delivered');
      await post('/vobiz', body, { 'X-Vobiz-Signature': vobiz(body, VOBIZ_OLD) });
    }
    // Vobiz rotated: new deliveries carry the new secret, which is not configured yet.
    const rotated: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const body = event(`evt_new_${n}`, 'message.read');
      rotated.push(await post('/vobiz', body, { 'X-Vobiz-Signature': vobiz(body, VOBIZ_NEW) }));
    }
    expect((await detail(rotated[0]!)).signature.status).toBe('invalid');

    const sources = await putSources([
      { name: 'default', path: '/' },
      { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET] },
      { name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: [VOBIZ_NEW, VOBIZ_OLD] },
    ]);
    expect(sources).toHaveLength(3);
    await waitUntil(async () => (await detail(rotated.at(-1)!)).signature.status === 'valid', 'the rotated deliveries verify');

    const report = (await api<SourceReport>(hs.apiPort!, 'GET', '/api/sources/vobiz/report')).body;
    expect(report.reverify).toMatchObject({ source: 'vobiz', finished: true, done: 7, total: 7, changed: 7 });
    expect(report.secretRuns.map((run) => [run.secretIndex, run.deliveries])).toEqual([
      [1, 3],
      [0, 4],
    ]);
    expect(report.secrets[1]!.lastMatchedAt).toBe(report.secretRuns[0]!.until);
    // Vobiz retries for 24 h: the old secret can go a day after it last matched.
    expect(Date.parse(report.secrets[1]!.removableAfter!) - Date.parse(report.secrets[1]!.lastMatchedAt!)).toBe(86_400_000);
    expect(report.secrets[0]!.removableAfter).toBeNull();
    expect(report.platform).toMatchObject({ id: 'vobiz', answerLimitMs: 5000 });
    expect(report.forwardTimeoutMs).toBe(10_000);
  });

  it('reports the platform\'s event types, marking the ones never received', async () => {
    for (const type of ['message.received', 'message.received', 'contact.created', 'order.paid']) {
      const body = event(`evt_${Math.random()}`, type);
      await post('/buzzbip', body, { 'X-BuzzBip-Signature': buzzbipSignature(body, BUZZBIP_SECRET) });
    }
    const report = (await api<SourceReport>(hs.apiPort!, 'GET', '/api/sources/buzzbip/report')).body;
    const byType = new Map(report.coverage.map((row) => [row.type, row]));
    expect(report.coverage.filter((row) => row.documented)).toHaveLength(8);
    expect(byType.get('message.received')).toMatchObject({ count: 2, documented: true });
    expect(byType.get('workflow.triggered')).toMatchObject({ count: 0, lastAt: null });
    expect(byType.get('order.paid')).toMatchObject({ count: 1, documented: false });
    expect((await api(hs.apiPort!, 'GET', '/api/sources/nope/report')).status).toBe(404);
  });
});

describe('retries as the platform sees them', () => {
  it('groups attempts of one event, and says why each retry came', async () => {
    const body = event('evt_retry');
    const headers = { 'X-BuzzBip-Signature': buzzbipSignature(body, BUZZBIP_SECRET) };
    // The developer set the source to answer 500 (failure simulation), then back to 200.
    await putSources([
      { name: 'default', path: '/' },
      { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET], response: { status: 500 } as SourceConfig['response'] },
    ]);
    await post('/buzzbip', body, headers);
    await putSources([
      { name: 'default', path: '/' },
      { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET] },
    ]);
    await post('/buzzbip', body, headers);
    const last = await post('/buzzbip', body, headers);
    const other = event('evt_single');
    await post('/buzzbip', other, { 'X-BuzzBip-Signature': buzzbipSignature(other, BUZZBIP_SECRET) });

    const timeline = (await api<EventTimeline>(hs.apiPort!, 'GET', '/api/events/evt_retry?source=buzzbip')).body;
    expect(timeline.attempts.map((attempt) => [attempt.status, attempt.cause])).toEqual([
      [500, null],
      [200, 'non-2xx'],
      [200, 'duplicate'],
    ]);
    expect(timeline.attempts[0]!.gapMs).toBeNull();
    expect(timeline.attempts[1]!.gapMs).toBeGreaterThanOrEqual(0);
    expect(timeline.attempts[0]!.answerMs).toBe(0);
    expect(timeline.verdict.code).toBe('duplicate');
    expect(timeline.verdict.message).toContain('treat idempotently');
    expect(timeline.verdict.message).toContain('we answered 500 to attempt 1');
    expect(timeline.platform).toMatchObject({ id: 'buzzbip', answerLimitMs: 10_000 });

    const grouped = (await api<DeliveryPage>(hs.apiPort!, 'GET', '/api/deliveries?source=buzzbip&retries=grouped')).body;
    expect(grouped.items.map((item) => [item.eventId, item.attempt])).toEqual([
      ['evt_single', 1],
      ['evt_retry', 3],
    ]);
    expect(grouped.items[1]!.id).toBe(last);
    const each = (await api<DeliveryPage>(hs.apiPort!, 'GET', '/api/deliveries?source=buzzbip')).body;
    expect(each.items).toHaveLength(4);
    // Grouping holds for a full-text search too.
    const searched = (await api<DeliveryPage>(hs.apiPort!, 'GET', '/api/deliveries?q=evt_retry&retries=grouped')).body;
    expect(searched.items.map((item) => item.id)).toEqual([last]);
  });

  it('answers 404 for an unknown event and 400 for a bad source name', async () => {
    const missing = await api(hs.apiPort!, 'GET', '/api/events/evt_none?source=buzzbip');
    expect(missing.status).toBe(404);
    const bad = await api(hs.apiPort!, 'GET', '/api/events/evt_none?source=Not%20A%20Name');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('source');
    const none = await api(hs.apiPort!, 'GET', '/api/events/evt_none');
    expect(none.status).toBe(400);
    expect(none.body.field).toBe('source');
  });
});
