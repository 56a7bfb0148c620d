// The side-by-side diff's algorithm: diff-match-patch in line mode (a diff of lines first, then of characters inside
// the changed stretches only), handed to @codemirror/merge as its `diffConfig.override`. CodeMirror's own diff is
// character-based: on two 1 MB JSON documents it takes ~100–300 ms, or gives up (its default scanLimit) and marks
// everything as changed. Bounded by a deadline; past it, the changes found so far are coarser, never wrong.
import { diff_match_patch } from '@dmsnell/diff-match-patch';
import { Change } from '@codemirror/merge';

const DEADLINE_SECONDS = 0.15;

export function lineModeDiff(a: string, b: string): Change[] {
  const engine = new diff_match_patch();
  engine.Diff_Timeout = DEADLINE_SECONDS;
  const diffs = engine.diff_main(a, b, true);
  engine.diff_cleanupSemantic(diffs);
  const changes: Change[] = [];
  let posA = 0;
  let posB = 0;
  let open: { fromA: number; fromB: number } | null = null;
  const close = () => {
    if (open) changes.push(new Change(open.fromA, posA, open.fromB, posB));
    open = null;
  };
  for (const diff of diffs) {
    const op = diff[0];
    const length = diff[1].length;
    if (op === 0) {
      close();
      posA += length;
      posB += length;
      continue;
    }
    open ??= { fromA: posA, fromB: posB };
    if (op === -1) posA += length;
    else posB += length;
  }
  close();
  return changes;
}
