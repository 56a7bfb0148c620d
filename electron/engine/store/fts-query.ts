// Turns what a person types into a safe FTS5 query: every word must match (AND), the last token of each word as a
// prefix, and no FTS5 syntax (quotes, NEAR, column filters, operators) can be injected.

export function toFtsQuery(input: string): string | null {
  const words = input
    .trim()
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
