// Which headers differ between two deliveries (by lower-cased name): retries usually differ only in a few
// (signature timestamp, delivery id), and saying which ones explains an otherwise identical retry.
export function differingHeaders(left: [string, string][], right: [string, string][]): string[] {
  const collect = (pairs: [string, string][]) => {
    const map = new Map<string, string[]>();
    for (const [name, value] of pairs) {
      const key = name.toLowerCase();
      map.set(key, [...(map.get(key) ?? []), value]);
    }
    return map;
  };
  const a = collect(left);
  const b = collect(right);
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => JSON.stringify(a.get(name) ?? null) !== JSON.stringify(b.get(name) ?? null)).sort();
}
