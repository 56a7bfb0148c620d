// The body as the UI derives it from a detail that carries it once: parsed JSON, exact bytes, byte equality.
import { describe, expect, it } from 'vitest';
import { bodyBytes, bodyJson, prettyBody, sameBytes, tooDeep } from '../../../renderer/src/lib/pretty-body.js';
import { jsonDepth, MAX_TREE_DEPTH } from '../../../renderer/src/lib/json-depth.js';

const detail = (body: string | null, bodyBase64: string | null, parseError: string | null = null) => ({
  body,
  bodyBase64,
  parseError,
  size: body?.length ?? 3,
});

describe('pretty body', () => {
  it('parses JSON once per detail and pretty-prints it; text that is not JSON stays as received', () => {
    const json = detail('{"a":[1,2]}', null);
    expect(bodyJson(json)).toEqual({ a: [1, 2] });
    expect(bodyJson(json)).toBe(bodyJson(json));
    expect(prettyBody(json)).toEqual({ text: '{\n  "a": [\n    1,\n    2\n  ]\n}', isJson: true });
    const text = detail('hello', null, 'not JSON: Unexpected token');
    expect(bodyJson(text)).toBeNull();
    expect(prettyBody(text)).toEqual({ text: 'hello', isJson: false });
  });

  it('gives the exact bytes from the text, or from base64 when the text is not the bytes', () => {
    expect([...bodyBytes(detail('é', null))]).toEqual([0xc3, 0xa9]);
    expect([...bodyBytes(detail(null, '/wB7'))]).toEqual([0xff, 0x00, 0x7b]);
    expect([...bodyBytes(detail('{}', '77u/e30='))]).toEqual([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(sameBytes(detail('{}', null), detail('{}', null))).toBe(true);
    expect(sameBytes(detail('{}', null), detail('{}', '77u/e30='))).toBe(false);
  });
});

describe('deep bodies', () => {
  const deepBody = (depth: number) => `${'['.repeat(depth)}"x\\"]["${']'.repeat(depth)}`;
  const detailOf = (body: string) => ({ body, bodyBase64: null, parseError: null, size: body.length });

  it('measures nesting without recursing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"]]]}}}[[["}]}')).toBe(3);
    expect(jsonDepth(deepBody(200_000))).toBe(200_000);
  });

  it('shows a body deeper than the tree limit as received, and never parses it into a tree', () => {
    const deep = detailOf(deepBody(MAX_TREE_DEPTH + 1));
    expect(tooDeep(deep)).toBe(true);
    expect(bodyJson(deep)).toBeNull();
    expect(prettyBody(deep)).toEqual({ text: deep.body, isJson: false });
    const shallow = detailOf(deepBody(MAX_TREE_DEPTH));
    expect(tooDeep(shallow)).toBe(false);
    expect(prettyBody(shallow).isJson).toBe(true);
  });
});
