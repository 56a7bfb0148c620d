// Reconnect delays for the tunnel: exponential with jitter (so many clients that lost the same server do not come
// back in lock-step), capped, and reset by the owner once a connection has stayed healthy for a while.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  factor?: number;
  /** Spread around the exponential value: 0.5 means ±25 %. */
  jitter?: number;
  random?: () => number;
}

export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** Failures since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next try; each call counts one more failure. */
  next(): number {
    const { baseMs, maxMs, factor = 2, jitter = 0.5, random = Math.random } = this.options;
    const exponential = Math.min(maxMs, baseMs * factor ** Math.min(this.attempt, 30));
    this.attempt += 1;
    const spread = exponential * jitter * (random() - 0.5);
    return Math.round(Math.min(maxMs, Math.max(0, exponential + spread)));
  }

  reset(): void {
    this.attempt = 0;
  }
}
