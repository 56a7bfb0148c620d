// Which sources' verdicts a sources save can change: a new or edited secret list, scheme, generic settings or
// tolerance (a rename or path change alone re-files nothing, so it re-verifies nothing).
import type { SourceConfig } from '../../../shared/domain.js';

function verificationKey(source: SourceConfig): string {
  return JSON.stringify([source.scheme, source.secrets, source.generic, source.toleranceSeconds]);
}

export function sourcesToReverify(before: readonly SourceConfig[], after: readonly SourceConfig[]): string[] {
  const old = new Map(before.map((source) => [source.name, verificationKey(source)]));
  return after.filter((source) => old.has(source.name) && old.get(source.name) !== verificationKey(source)).map((source) => source.name);
}
