// How often something that died may be brought back (the services process, a crashed renderer) before we stop
// trying and tell the user: at most `limit` times in any `windowMs`. Time is passed in, so it is tested without waiting.

export class RestartBudget {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Records a restart at `now` and says whether it is allowed. */
  take(now: number): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}
