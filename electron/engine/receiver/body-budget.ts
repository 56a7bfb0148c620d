// The bytes of request bodies held in memory across every request at once. One upload can be 10 MB; a hundred of
// them at once would take a gigabyte. Large uploads share most of the budget; the rest is kept for small ones, so a
// normal delivery (a few KB) still gets in while big uploads hold their share.

/** A body at or under this size is "small": it may use the part of the budget large uploads cannot. */
export const SMALL_BODY_BYTES = 256 * 1024;
/** The share of the budget large uploads may fill together. */
const LARGE_SHARE = 0.75;

export class BodyBudget {
  private used = 0;

  constructor(private readonly limit: () => number) {}

  /** Takes `bytes` from the budget; false (and nothing taken) when it would not fit. */
  take(bytes: number, small: boolean): boolean {
    const room = small ? this.limit() : this.limit() * LARGE_SHARE;
    if (this.used + bytes > room) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}
