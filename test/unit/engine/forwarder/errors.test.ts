import { describe, expect, it } from 'vitest';
import { ForwardTimeoutError, describeSendError, formatDuration } from '../../../../electron/engine/forwarder/errors.js';

const target = { hostname: 'localhost', port: 3000, timeoutMs: 10_000 };
const errno = (code: string, message = code, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe('describeSendError', () => {
  it.each([
    [errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3000', { address: '127.0.0.1', port: 3000 }), 'nothing is listening on 127.0.0.1:3000 (ECONNREFUSED)'],
    [errno('ECONNREFUSED', 'connect ECONNREFUSED ::1:3000', { address: '::1', port: 3000 }), 'nothing is listening on [::1]:3000 (ECONNREFUSED)'],
    [errno('ENOTFOUND'), 'cannot resolve host "localhost": no such name (ENOTFOUND)'],
    [errno('EAI_AGAIN'), 'cannot resolve host "localhost": DNS lookup failed, try again (EAI_AGAIN)'],
    [errno('ECONNRESET', 'socket hang up'), 'localhost:3000 closed the connection without answering (socket hang up)'],
    [errno('ECONNRESET', 'read ECONNRESET'), 'localhost:3000 reset the connection before answering in full (ECONNRESET)'],
    [errno('DEPTH_ZERO_SELF_SIGNED_CERT'), 'TLS: self-signed certificate — allow it in settings'],
    [errno('SELF_SIGNED_CERT_IN_CHAIN'), 'TLS: self-signed certificate — allow it in settings'],
    [errno('CERT_HAS_EXPIRED'), 'TLS: the certificate has expired (CERT_HAS_EXPIRED)'],
    [errno('ERR_TLS_CERT_ALTNAME_INVALID'), 'TLS: the certificate is not valid for "localhost" (ERR_TLS_CERT_ALTNAME_INVALID)'],
    [errno('EHOSTUNREACH'), 'no route to localhost:3000 (EHOSTUNREACH)'],
    [errno('ESOMETHING', 'odd failure'), 'odd failure (ESOMETHING)'],
    [new Error('plain'), 'plain'],
    [new ForwardTimeoutError(10_000), 'timed out after 10 s'],
  ])('%s', (error, expected) => {
    expect(describeSendError(error, target)).toBe(expected);
  });

  it('never throws on odd values', () => {
    expect(describeSendError(undefined, target)).toBe('undefined');
    expect(describeSendError('boom', target)).toBe('boom');
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(250)).toBe('250 ms');
  });
});
