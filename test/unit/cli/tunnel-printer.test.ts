// The CLI's tunnel lines: every change is printed, an unchanged reconnect loop is not allowed to flood the terminal.
import { describe, expect, it } from 'vitest';
import { createTunnelPrinter, REPEAT_SAME_STATE_MS } from '../../../electron/cli/tunnel-printer.js';
import type { TunnelStatus } from '../../../shared/domain.js';

function status(overrides: Partial<TunnelStatus>): TunnelStatus {
  return {
    status: 'reconnecting', url: null, error: null, since: '2026-11-23T00:00:00.000Z', requestedSubdomain: 'hs-abc',
    subdomain: null, host: 'https://localtunnel.me', sourceUrls: [], external: false, ...overrides,
  };
}

describe('createTunnelPrinter', () => {
  it('prints changes, folds repeated reconnect attempts, and repeats them once a minute with a count', () => {
    const lines: string[] = [];
    let clock = 0;
    const print = createTunnelPrinter((line) => lines.push(line), () => clock);
    const unreachable = (delay: string) =>
      status({ error: `tunnel server unreachable (connection refused); retrying in ${delay}` });

    print(status({ status: 'connecting' }));
    print(unreachable('0.6 s'));
    for (const delay of ['0.8 s', '1.2 s', '2.7 s']) {
      clock += 1000;
      print(unreachable(delay));
    }
    expect(lines).toHaveLength(2);
    clock += REPEAT_SAME_STATE_MS;
    print(unreachable('30 s'));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('(4 attempts)');

    print(status({ error: 'tunnel server answered 500; retrying in 1 s' }));
    print(status({ status: 'online', url: 'https://hs-abc.loca.lt', sourceUrls: [{ source: 'default', url: 'https://hs-abc.loca.lt/' }] }));
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain('answered 500');
    expect(lines[4]).toContain('tunnel online https://hs-abc.loca.lt');
    expect(lines[4]).toContain('https://hs-abc.loca.lt/');
  });
});
