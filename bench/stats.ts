// Percentiles for the benchmarks: the value at p % of an ascending-sorted sample (nearest rank, no interpolation).
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
