// The usual ways a webhook body or a signing secret gets changed between the sender's HMAC and what the receiver
// holds, as candidates for the signature doctor: JSON re-serialized (minified, pretty, keys sorted, Python's and
// PHP's defaults), a trailing newline, line endings, a charset re-encoding; a secret with or without its whsec_
// prefix, decoded or used as text, with stray whitespace. Each candidate says in words what it is. No recursion:
// JSON goes through the engine's own parse and stringify, inside try (a body nested too deep is simply skipped).
import { createHash } from 'node:crypto';
import { BASE64, HEX } from '../common.js';
import { standardWebhooksKey } from '../standard-webhooks.js';

export interface Variant {
  bytes: Buffer;
  /** Null for the bytes as they are; otherwise what was changed, to finish "the body …" / "the secret …". */
  label: string | null;
}

/** Bodies larger than this are tried only as received: re-serializing megabytes for a guess is not worth it. */
export const MAX_VARIANT_BODY_BYTES = 1024 * 1024;

function sortKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/** `{"a":1,"b":[2]}` → `{"a": 1, "b": [2]}`: Python json.dumps' default separators, outside strings only. */
export function spacedSeparators(minified: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const char of minified) {
    out += char;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === ',' || char === ':') out += ' ';
  }
  return out;
}

/** Non-ASCII as \uXXXX escapes (UTF-16 units, as Python's ensure_ascii and PHP's json_encode write them). */
export function asciiEscaped(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jsonVariants(text: string): Variant[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const make = (label: string, build: () => string): Variant | null => {
    try {
      return { bytes: Buffer.from(build(), 'utf8'), label };
    } catch {
      return null;
    }
  };
  const minified = () => JSON.stringify(value);
  return [
    make('minified (JSON.stringify of the parsed body)', minified),
    make('pretty-printed with 2 spaces', () => JSON.stringify(value, null, 2)),
    make('pretty-printed with 4 spaces', () => JSON.stringify(value, null, 4)),
    make('pretty-printed with tabs', () => JSON.stringify(value, null, '\t')),
    make('with its keys sorted', () => JSON.stringify(value, sortKeys)),
    make('with its keys sorted, pretty-printed with 2 spaces', () => JSON.stringify(value, sortKeys, 2)),
    make('as Python\'s json.dumps writes it (", " and ": ", non-ASCII as \\u escapes)', () => asciiEscaped(spacedSeparators(minified()))),
    make('as PHP\'s json_encode writes it ("\\/" and \\u escapes)', () => asciiEscaped(minified().replaceAll('/', '\\/'))),
    make('minified with non-ASCII as \\u escapes', () => asciiEscaped(minified())),
  ].filter((variant): variant is Variant => variant !== null);
}

function isUtf8(body: Buffer): boolean {
  return Buffer.from(body.toString('utf8'), 'utf8').equals(body);
}

export function bodyVariants(body: Buffer): Variant[] {
  const variants: Variant[] = [{ bytes: body, label: null }];
  if (body.length > MAX_VARIANT_BODY_BYTES) return variants;
  const text = body.toString('utf8');
  const utf8 = isUtf8(body);
  if (text.endsWith('\n')) variants.push({ bytes: Buffer.from(text.replace(/\r?\n+$/, ''), 'utf8'), label: 'without its trailing newline' });
  else variants.push({ bytes: Buffer.concat([body, Buffer.from('\n')]), label: 'with a trailing newline added' });
  if (text.includes('\r\n')) variants.push({ bytes: Buffer.from(text.replaceAll('\r\n', '\n'), 'utf8'), label: 'with CRLF line endings turned into LF' });
  else if (text.includes('\n')) variants.push({ bytes: Buffer.from(text.replaceAll('\n', '\r\n'), 'utf8'), label: 'with LF line endings turned into CRLF' });
  if (utf8) variants.push(...jsonVariants(text));
  const nonAscii = body.some((byte) => byte >= 0x80);
  if (nonAscii && utf8 && [...text].every((char) => char.codePointAt(0)! <= 0xff)) {
    variants.push({ bytes: Buffer.from(text, 'latin1'), label: 'in ISO-8859-1 instead of UTF-8' });
  }
  if (nonAscii) variants.push({ bytes: Buffer.from(body.toString('latin1'), 'utf8'), label: 'read as ISO-8859-1 and re-encoded as UTF-8 (double-encoded)' });
  return dedupe(variants);
}

const SECRET_PREFIX = 'whsec_';

/** The key the scheme itself derives from a secret (Standard Webhooks decodes whsec_ secrets; the others use text). */
export function canonicalKey(scheme: string, secret: string): Buffer {
  return scheme === 'standard-webhooks' ? standardWebhooksKey(secret) : Buffer.from(secret, 'utf8');
}

export function keyVariants(scheme: string, secret: string): Variant[] {
  const variants: Variant[] = [{ bytes: canonicalKey(scheme, secret), label: null }];
  const trimmed = secret.trim();
  if (trimmed !== secret) variants.push({ bytes: canonicalKey(scheme, trimmed), label: 'without the spaces or line break around it' });
  const bare = trimmed.startsWith(SECRET_PREFIX) ? trimmed.slice(SECRET_PREFIX.length) : null;
  if (bare !== null) {
    variants.push({ bytes: Buffer.from(trimmed, 'utf8'), label: 'as text, whsec_ prefix included' });
    variants.push({ bytes: Buffer.from(bare, 'utf8'), label: 'as text without its whsec_ prefix' });
    if (BASE64.test(bare)) variants.push({ bytes: Buffer.from(bare, 'base64'), label: 'base64-decoded after its whsec_ prefix' });
  } else {
    variants.push({ bytes: Buffer.from(trimmed, 'utf8'), label: 'as text' });
    variants.push({ bytes: Buffer.from(`${SECRET_PREFIX}${trimmed}`, 'utf8'), label: 'with a whsec_ prefix, as text' });
    if (BASE64.test(trimmed)) variants.push({ bytes: Buffer.from(trimmed, 'base64'), label: 'base64-decoded' });
    if (HEX.test(trimmed) && trimmed.length % 2 === 0) variants.push({ bytes: Buffer.from(trimmed, 'hex'), label: 'hex-decoded' });
  }
  return dedupe(variants).filter((variant) => variant.bytes.length > 0);
}

/** Keeps the first of equal byte strings (the unchanged one comes first). */
function dedupe(variants: Variant[]): Variant[] {
  const seen = new Set<string>();
  return variants.filter((variant) => {
    const key = createHash('sha256').update(variant.bytes).digest('hex');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
