// The tunnel's health probe, both ends in one place: the path the receiver answers itself (never stored) and the
// answer it gives, which the tunnel's probe (tunnel/health-probe.ts) checks after crossing the public URL.

export const PROBE_PATH = '/.hookscope/probe';

export interface ProbeAnswer {
  hookscope: true;
  /** The receiver process's instance id, so a probe can tell this process from another Hookscope. */
  instance: string;
  /** The probe's own nonce, echoed (at most 128 characters), so an answer cannot be a cached one. */
  nonce: string;
}

export function probeAnswer(instance: string, query: string): ProbeAnswer {
  const nonce = new URLSearchParams(query).get('nonce') ?? '';
  return { hookscope: true, instance, nonce: nonce.slice(0, 128) };
}
