// How a delivery's headers and body sit on disk: the body deflate-compressed when that saves at least an eighth
// (JSON webhooks shrink to about half), as received otherwise; the headers as JSON (compressing them too saved
// ~150 bytes a delivery for a second deflate on the receiver's thread; rows may still carry the flag). Lossless: what the store hands back is byte for byte what
// arrived. Bodies above COMPRESS_LIMIT are kept as they are, so one large upload never holds the receiver's thread.
import zlib from 'node:zlib';

/** Bit flags in the `codec` column. */
const HEADERS_DEFLATED = 1;
const BODY_DEFLATED = 2;
const MIN_BYTES = 128;
const COMPRESS_LIMIT = 256 * 1024;
/** Fast and light: a 4 KiB window sets up a third faster than the default for ~1 KB inputs (inflate reads any window). */
const DEFLATE: zlib.ZlibOptions = { level: 1, windowBits: 12, memLevel: 6 };

export interface EncodedPayload {
  codec: number;
  headers: Buffer;
  body: Buffer;
}

function shrink(raw: Buffer): Buffer | null {
  if (raw.length < MIN_BYTES || raw.length > COMPRESS_LIMIT) return null;
  const packed = zlib.deflateRawSync(raw, DEFLATE);
  return packed.length <= raw.length - raw.length / 8 ? packed : null;
}

export function encodePayload(headers: [string, string][], body: Buffer): EncodedPayload {
  const packedBody = shrink(body);
  return {
    codec: packedBody ? BODY_DEFLATED : 0,
    headers: Buffer.from(JSON.stringify(headers)),
    body: packedBody ?? body,
  };
}

/** Rows written before compression hold headers as TEXT (codec 0); both forms decode here. */
export function decodeHeaders(codec: number, stored: Buffer | string): [string, string][] {
  const text = codec & HEADERS_DEFLATED ? zlib.inflateRawSync(stored as Buffer).toString('utf8') : stored.toString();
  return JSON.parse(text) as [string, string][];
}

export function decodeBody(codec: number, stored: Buffer): Buffer {
  return codec & BODY_DEFLATED ? zlib.inflateRawSync(stored) : stored;
}
