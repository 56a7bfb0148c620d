// How deeply a JSON text nests, found by one loop over its characters (no recursion, no parse). Payloads are
// hostile: a sender controls the depth, and every tree walk in the UI (pretty printing, the structural diff) is
// recursive, so a body deeper than MAX_TREE_DEPTH is shown as text instead of as a tree.

/** Deeper than this is "too deep to show as a tree". Real webhook payloads nest fewer than 20 levels. */
export const MAX_TREE_DEPTH = 256;

export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return deepest;
}
