// Checks the tunnel end to end: a GET through the PUBLIC URL to the path the receiver answers itself, with a fresh
// nonce, so an answer proves the request crossed the tunnel server, our sockets and reached this very process.
import { randomBytes } from 'node:crypto';
import { PROBE_PATH, type ProbeAnswer } from '../probe-answer.js';
import { httpGet } from './http-get.js';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

/**
 * localtunnel's public server shows a reminder page instead of the request unless this header is present
 * (localtunnel/localtunnel#598, #366).
 */
export const BYPASS_REMINDER_HEADER = 'bypass-tunnel-reminder';

export async function probeTunnel(options: {
  publicUrl: string;
  instanceId: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<ProbeResult> {
  const nonce = randomBytes(12).toString('hex');
  const url = `${options.publicUrl.replace(/\/+$/, '')}${PROBE_PATH}?nonce=${nonce}`;
  let answer;
  try {
    answer = await httpGet(url, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      headers: { [BYPASS_REMINDER_HEADER]: 'hookscope', 'user-agent': 'hookscope-probe', accept: 'application/json' },
    });
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (answer.status !== 200) return { ok: false, reason: `the public URL answered HTTP ${answer.status}` };
  let body: Partial<Record<keyof ProbeAnswer, unknown>>;
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    return { ok: false, reason: 'the public URL answered, but not with Hookscope’s probe answer' };
  }
  if (body.hookscope !== true || body.nonce !== nonce) {
    return { ok: false, reason: 'the public URL answered, but not with Hookscope’s probe answer' };
  }
  if (body.instance !== options.instanceId) {
    return { ok: false, reason: 'the public URL reaches a different Hookscope process' };
  }
  return { ok: true };
}
