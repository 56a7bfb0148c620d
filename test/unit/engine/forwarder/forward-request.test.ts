import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api-error.js';
import {
  buildForwardRequest,
  checkHeaderValues,
  parseTarget,
} from '../../../../electron/engine/forwarder/forward-request.js';
import { verifyBuzzBip, verifyStandardWebhooks, verifyStripe } from '../../../support/forward-target.js';

const ID = '01JZ0000000000000000000000';
const body = Buffer.from('{"id":"evt_1","type":"message.received","data":{"text":"¡hola! 👋"}}');
const sign = (secret: string, bytes: Buffer) => crypto.createHmac('sha256', secret).update(bytes).digest('hex');

function expectApiError(fn: () => unknown, status: number, field: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).field).toBe(field);
    return;
  }
  throw new Error('expected an ApiError');
}

describe('buildForwardRequest', () => {
  it('keeps headers in received order and case, strips hop-by-hop ones, sets Host/Content-Length, adds the delivery id', () => {
    const built = buildForwardRequest({
      deliveryId: ID,
      method: 'post',
      target: 'http://127.0.0.1:3000/webhooks/buzzbip?x=1',
      body,
      headers: [
        ['Host', 'abc.loca.lt'],
        ['User-Agent', 'BuzzBip-Webhooks/1.0'],
        ['Connection', 'keep-alive, X-Drop-Me'],
        ['Keep-Alive', 'timeout=5'],
        ['Content-Type', 'application/json'],
        ['X-Drop-Me', 'hop'],
        ['Transfer-Encoding', 'chunked'],
        ['Proxy-Authorization', 'Basic Zm9vOmJhcg=='],
        ['TE', 'trailers'],
        ['Upgrade', 'h2c'],
        ['Trailer', 'X-Foo'],
        ['Expect', '100-continue'],
        ['content-length', '999'],
        ['X-BuzzBip-Signature', 'abc123'],
        ['x-custom', 'one'],
        ['X-Custom', 'two'],
        ['X-Hookscope-Delivery', 'an-older-forward'],
      ],
    });
    expect(built.method).toBe('POST');
    expect(built.url.href).toBe('http://127.0.0.1:3000/webhooks/buzzbip?x=1');
    expect(built.body).toBe(body);
    expect(built.resignedWith).toBeNull();
    expect(built.headers).toEqual([
      ['Host', '127.0.0.1:3000'],
      ['User-Agent', 'BuzzBip-Webhooks/1.0'],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['X-BuzzBip-Signature', 'abc123'],
      ['x-custom', 'one'],
      ['X-Custom', 'two'],
      ['X-Hookscope-Delivery', ID],
    ]);
  });

  it('adds Host first and Content-Length when the delivery had neither, and none for an empty GET', () => {
    const post = buildForwardRequest({ deliveryId: ID, method: 'POST', target: 'http://localhost:3000/', body: Buffer.alloc(0), headers: [['A', '1']] });
    expect(post.headers).toEqual([['Host', 'localhost:3000'], ['A', '1'], ['Content-Length', '0'], ['X-Hookscope-Delivery', ID]]);
    const get = buildForwardRequest({ deliveryId: ID, method: 'GET', target: 'https://[::1]/hook', body: Buffer.alloc(0), headers: [] });
    expect(get.headers).toEqual([['Host', '[::1]'], ['X-Hookscope-Delivery', ID]]);
  });

  it('re-signs BuzzBip in place so the seeds\' sample check passes with the new secret only', () => {
    const built = buildForwardRequest({
      deliveryId: ID,
      method: 'POST',
      target: 'http://127.0.0.1:3000/',
      body,
      headers: [['Content-Type', 'application/json'], ['x-buzzbip-signature', sign('platform', body)], ['X-Other', 'y']],
      resign: { secret: 'dev-secret', scheme: 'auto', generic: null, explicit: true },
    });
    expect(built.resignedWith).toBe('buzzbip');
    const names = built.headers.map(([name]) => name.toLowerCase());
    expect(names).toEqual(['host', 'content-type', 'x-buzzbip-signature', 'x-other', 'content-length', 'x-hookscope-delivery']);
    const signature = built.headers.find(([name]) => name.toLowerCase() === 'x-buzzbip-signature')![1];
    expect(verifyBuzzBip(body, signature, 'dev-secret')).toBe(true);
    expect(verifyBuzzBip(body, signature, 'platform')).toBe(false);
  });

  it('gives Stripe and Standard Webhooks a fresh timestamp, keeping the original webhook-id', () => {
    const old = Math.floor(Date.now() / 1000) - 3600;
    const stripe = buildForwardRequest({
      deliveryId: ID,
      method: 'POST',
      target: 'http://127.0.0.1:3000/',
      body,
      headers: [['Stripe-Signature', `t=${old},v1=deadbeef`]],
      resign: { secret: 'whsec_stripe_dev', scheme: 'stripe', generic: null, explicit: true },
    });
    const stripeHeader = stripe.headers.find(([name]) => name.toLowerCase() === 'stripe-signature')![1];
    expect(stripeHeader).not.toContain(`t=${old}`);
    expect(verifyStripe(body, stripeHeader, 'whsec_stripe_dev')).toBe(true);

    const secret = `whsec_${Buffer.from('standard-dev-key-32-bytes-long!!').toString('base64')}`;
    const standard = buildForwardRequest({
      deliveryId: ID,
      method: 'POST',
      target: 'http://127.0.0.1:3000/',
      body,
      headers: [['webhook-id', 'msg_original'], ['webhook-timestamp', String(old)], ['webhook-signature', 'v1,AAAA']],
      resign: { secret, scheme: 'auto', generic: null, explicit: true },
    });
    expect(standard.resignedWith).toBe('standard-webhooks');
    const arrived = { method: 'POST', url: '/', headers: standard.headers, body };
    expect(standard.headers.find(([name]) => name.toLowerCase() === 'webhook-id')![1]).toBe('msg_original');
    expect(standard.headers.filter(([name]) => name.toLowerCase().startsWith('webhook-'))).toHaveLength(3);
    expect(verifyStandardWebhooks(arrived, secret)).toBe(true);
  });

  it('re-signs Vobiz in the encoding the sender used', () => {
    const base64 = crypto.createHmac('sha256', 'p').update(body).digest('base64');
    const built = buildForwardRequest({
      deliveryId: ID,
      method: 'POST',
      target: 'http://127.0.0.1:3000/',
      body,
      headers: [['X-Vobiz-Signature', base64]],
      resign: { secret: 'dev', scheme: 'vobiz', generic: null, explicit: true },
    });
    const value = built.headers.find(([name]) => name.toLowerCase() === 'x-vobiz-signature')![1];
    expect(value).toBe(crypto.createHmac('sha256', 'dev').update(body).digest('base64'));
  });

  it('refuses an explicit re-sign it cannot do, and passes an unsigned delivery through when re-signing was only configured', () => {
    const input = { deliveryId: ID, method: 'POST', target: 'http://127.0.0.1:3000/', body, headers: [['A', '1']] as [string, string][] };
    expectApiError(
      () => buildForwardRequest({ ...input, resign: { secret: 's', scheme: 'auto', generic: null, explicit: true } }),
      400,
      'secret',
    );
    const passed = buildForwardRequest({ ...input, resign: { secret: 's', scheme: 'auto', generic: null, explicit: false } });
    expect(passed.resignedWith).toBeNull();
    expectApiError(
      () => buildForwardRequest({ ...input, resign: { secret: 's', scheme: 'generic', generic: null, explicit: true } }),
      400,
      'secret',
    );
  });
});

describe('parseTarget', () => {
  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://127.0.0.1/',
    'localhost:3000/hook',
    '//127.0.0.1:3000/',
    '/webhooks',
    '',
    'http://user:pass@127.0.0.1:3000/',
    'http://:secret@localhost/',
    'data:text/plain,hi',
  ])('refuses %j with a 400 on url', (value) => {
    expectApiError(() => parseTarget(value), 400, 'url');
  });

  it('accepts http(s) targets, IPv6 and ports', () => {
    expect(parseTarget('http://localhost:3000/webhooks/buzzbip').host).toBe('localhost:3000');
    expect(parseTarget('https://[::1]:8443/x?y=1').hostname).toBe('[::1]');
    expect(parseTarget('HTTP://127.0.0.1').protocol).toBe('http:');
  });
});

describe('checkHeaderValues', () => {
  it('refuses header injection and characters HTTP cannot carry, naming the index', () => {
    expectApiError(() => checkHeaderValues([['A', 'ok'], ['X-Evil', 'a\r\nHost: evil.example']]), 400, 'headers[1]');
    expectApiError(() => checkHeaderValues([['X', 'nul\0']]), 400, 'headers[0]');
    expectApiError(() => checkHeaderValues([['X', '👋']]), 400, 'headers[0]');
    expect(() => checkHeaderValues([['X', 'tab\tand latin-1 é and $(not-a-shell)']])).not.toThrow();
  });
});
