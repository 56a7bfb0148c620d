// Headers as Hookscope keeps them: [name, value] pairs in received order with original case (repeats kept).

/** Node's flat rawHeaders ([name, value, name, value, …]) as pairs. */
export function rawHeaderPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/** The first value of a header, by lower-case name; null when absent. */
export function headerValue(headers: [string, string][], lowerName: string): string | null {
  for (const [name, value] of headers) if (name.toLowerCase() === lowerName) return value;
  return null;
}
