import { describe, expect, it } from 'vitest';
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { FailurePlan, planAnswer } from '../../../../electron/engine/receiver/answer-plan.js';
import { prng } from '../../../support/prng.js';

const post = (eventId: string | null, eventType = 'message.received') => ({ method: 'POST', query: '', eventId, eventType });

describe('answer plan', () => {
  it('answers as configured when no simulation is set', () => {
    const source = SourceConfigSchema.parse({ name: 'bb', path: '/', response: { status: 202, delayMs: 5 } });
    expect(planAnswer(source, post('e1'), new FailurePlan(() => 0))).toEqual({ status: 202, body: null, contentType: 'application/json', holdMs: 5, note: null });
  });

  it('fails about the given fraction at random (seeded), and never an event type it leaves out', () => {
    const source = SourceConfigSchema.parse({ name: 'bb', path: '/', response: { failRate: 0.3, failEvents: ['message.*'] } });
    const plan = new FailurePlan(() => 0, prng(7));
    let failed = 0;
    for (let i = 0; i < 2_000; i += 1) if (planAnswer(source, post(`e${i}`), plan).status === 500) failed += 1;
    expect(failed / 2_000).toBeGreaterThan(0.26);
    expect(failed / 2_000).toBeLessThan(0.34);
    for (let i = 0; i < 200; i += 1) expect(planAnswer(source, post(`c${i}`, 'contact.updated'), plan).status).toBe(200);
  });

  it('counts attempts from the store the first time it sees an event, then by itself', () => {
    const stored = new Map([['bb\u0000e1', 1]]);
    let reads = 0;
    const plan = new FailurePlan((source, eventId) => {
      reads += 1;
      return stored.get(`${source}\u0000${eventId}`) ?? 0;
    });
    const source = SourceConfigSchema.parse({ name: 'bb', path: '/', response: { failFirst: 2 } });
    expect(planAnswer(source, post('e1'), plan).status).toBe(500); // attempt 2
    expect(planAnswer(source, post('e1'), plan).status).toBe(200); // attempt 3
    expect(planAnswer(source, post(null), plan).status).toBe(200); // no event id: nothing to count
    expect(reads).toBe(1);
  });

  it('forgets the oldest events past its bound', () => {
    const plan = new FailurePlan(() => 0, Math.random, 2);
    plan.nextAttempt('s', 'a');
    plan.nextAttempt('s', 'b');
    plan.nextAttempt('s', 'c');
    expect(plan.nextAttempt('s', 'a')).toBe(1);
  });

  it("answers Meta's handshake only on GET with hub parameters, comparing the token exactly", () => {
    const source = SourceConfigSchema.parse({ name: 'meta', path: '/', verifyToken: 'tök' });
    const get = (query: string) => planAnswer(source, { method: 'GET', query, eventId: null, eventType: null }, new FailurePlan(() => 0));
    expect(get('hub.mode=subscribe&hub.verify_token=t%C3%B6k&hub.challenge=42')).toMatchObject({ status: 200, body: '42' });
    expect(get('hub.mode=subscribe&hub.verify_token=tok&hub.challenge=42')).toMatchObject({ status: 403 });
    expect(get('hub.mode=unsubscribe&hub.verify_token=t%C3%B6k&hub.challenge=42')).toMatchObject({ status: 400 });
    expect(get('other=1')).toMatchObject({ status: 200, body: null, note: null });
    expect(planAnswer(source, { method: 'POST', query: 'hub.mode=subscribe', eventId: null, eventType: null }, new FailurePlan(() => 0)).note).toBeNull();
  });
});
