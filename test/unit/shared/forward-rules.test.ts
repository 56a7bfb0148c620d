import { describe, expect, it } from 'vitest';
import { autoTargets, describeFailureMode, failHoldMs, matchesEvents, matchesPattern, shortFailureMode, targetsFor } from '../../../shared/forward-rules.js';
import { SourceConfigSchema } from '../../../shared/schemas.js';

describe('event patterns', () => {
  it('matches "*" as any run of characters and everything else literally', () => {
    expect(matchesPattern('message.*', 'message.received')).toBe(true);
    expect(matchesPattern('message.*', 'message.')).toBe(true);
    expect(matchesPattern('message.*', 'messages.received')).toBe(false);
    expect(matchesPattern('*.updated', 'contact.updated')).toBe(true);
    expect(matchesPattern('*', 'anything')).toBe(true);
    expect(matchesPattern('contact.updated', 'contact.updated')).toBe(true);
    expect(matchesPattern('contact.updated', 'contact.updatedx')).toBe(false);
    expect(matchesPattern('a*b*c', 'axxbyyc')).toBe(true);
    expect(matchesPattern('a*b*c', 'acb')).toBe(false);
    expect(matchesPattern('ab*ba', 'aba')).toBe(false);
    // "." is not a wildcard.
    expect(matchesPattern('message.read', 'messageXread')).toBe(false);
  });

  it('takes no list as everything, and a delivery without a type only with "*"', () => {
    expect(matchesEvents(null, null)).toBe(true);
    expect(matchesEvents(['message.*'], null)).toBe(false);
    expect(matchesEvents(['*'], null)).toBe(true);
    expect(matchesEvents([], 'message.read')).toBe(false);
  });

  it('does not backtrack on a hostile type (linear in its length)', () => {
    const type = 'a'.repeat(100_000);
    expect(matchesPattern('*a*a*a*a*a*a*a*a*b', type)).toBe(false);
  });
});

describe('auto-forward targets', () => {
  const source = SourceConfigSchema.parse({
    name: 'bb',
    path: '/',
    forward: {
      url: 'http://127.0.0.1:3000/a',
      auto: true,
      events: ['message.*'],
      onlyValid: true,
      secret: 'shared',
      targets: [{ url: 'http://127.0.0.1:3000/b', events: ['contact.*'] }, { url: 'http://127.0.0.1:3000/a' }],
    },
  });

  it('lists the URL first, then each target once, a target without a secret taking the source one', () => {
    expect(autoTargets(source).map((target) => [target.url, target.secret])).toEqual([
      ['http://127.0.0.1:3000/a', 'shared'],
      ['http://127.0.0.1:3000/b', 'shared'],
    ]);
    expect(autoTargets({ forward: { ...source.forward, auto: false } })).toEqual([]);
  });

  it('applies each target its own rules', () => {
    const urls = (eventType: string | null, signature: 'valid' | 'invalid') => targetsFor(source, { eventType, signature }).map((target) => target.url.slice(-1));
    expect(urls('message.read', 'valid')).toEqual(['a']);
    expect(urls('message.read', 'invalid')).toEqual([]);
    expect(urls('contact.created', 'invalid')).toEqual(['b']);
    expect(urls(null, 'valid')).toEqual([]);
  });
});

describe('failure simulation words', () => {
  it('says what fails and how, or nothing when off', () => {
    const base = { name: 'bb', path: '/buzzbip', scheme: 'buzzbip' as const, platform: undefined };
    const off = SourceConfigSchema.parse({ name: 'bb', path: '/' });
    expect(describeFailureMode(off)).toBeNull();
    const first = SourceConfigSchema.parse({ ...base, response: { failFirst: 2, failStatus: 503, failEvents: ['message.*'] } });
    expect(describeFailureMode(first)).toBe('fails the first 2 attempts of each event (only message.*) with 503');
    const timeout = SourceConfigSchema.parse({ ...base, response: { failRate: 0.25, failTimeout: true } });
    expect(describeFailureMode(timeout)).toBe("fails 25% of deliveries at random by answering after 11 s, past BuzzBip's limit");
    expect(shortFailureMode(first)).toBe('fails first 2 (503) · message.*');
    expect(shortFailureMode(timeout)).toBe('fails 25% (timeout)');
    expect(shortFailureMode(off)).toBeNull();
    expect(failHoldMs(SourceConfigSchema.parse({ ...base, platform: 'vobiz' }))).toBe(6_000);
    expect(failHoldMs(SourceConfigSchema.parse({ name: 'x', path: '/', platform: null }))).toBe(11_000);
  });
});
