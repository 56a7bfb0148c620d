// Builds the request a forward sends: the delivery's method and raw body bytes, its headers in received order and
// case minus hop-by-hop ones, Host and Content-Length for the target, X-Hookscope-Delivery, and — when a secret is
// given — the signature headers of the source's scheme computed afresh (new timestamps where the scheme has them).
import type { GenericScheme, SchemeId, SchemeSetting } from '../../../shared/schemas.js';
import { ApiError } from '../../../shared/api-error.js';
import { detectScheme, signPayload, signatureHeaderNames } from '../signatures/index.js';
import { standardWebhooksFamily } from '../signatures/standard-webhooks.js';
import type { OutgoingRequest } from './send.js';
import { headerValue } from '../http/header-pairs.js';

export const DELIVERY_HEADER = 'X-Hookscope-Delivery';

/** RFC 9110 §7.6.1 connection-specific fields; a proxy must not pass them on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
/**
 * Replaced for the target (host, content-length), or dropped because node would then wait for a 100 that a dev
 * server may never send (expect), or because it would duplicate ours when a forwarded request is forwarded again.
 */
const REPLACED = new Set(['host', 'content-length', 'expect', DELIVERY_HEADER.toLowerCase()]);

/** Node refuses these characters in a header value; checked up front so an edit gets a 400, not a failed send. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export interface ResignOptions {
  secret: string;
  scheme: SchemeSetting;
  generic: GenericScheme | null;
  /** True when the caller asked for re-signing; then an undetectable `auto` scheme is an error, not a pass-through. */
  explicit: boolean;
}

export interface ForwardInput {
  deliveryId: string;
  method: string;
  headers: [string, string][];
  body: Buffer;
  target: string;
  resign?: ResignOptions | null;
}

export interface BuiltRequest extends OutgoingRequest {
  /** The scheme used to re-sign, or null when the original signature headers were passed on unchanged. */
  resignedWith: SchemeId | null;
}

/** Parses a forward target: absolute http(s) only, no credentials (they would be silently dropped). */
export function parseTarget(target: string, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ApiError(400, field, `${field}: must be an absolute http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError(400, field, `${field}: must be an absolute http:// or https:// URL, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ApiError(400, field, `${field}: credentials in the URL are not sent; put them in a header instead`);
  }
  if (!url.hostname) throw new ApiError(400, field, `${field}: has no host`);
  return url;
}

/** Rejects edited header values node could not send (line breaks, NUL, characters beyond Latin-1). */
export function checkHeaderValues(headers: [string, string][], field = 'headers'): void {
  headers.forEach(([name, value], index) => {
    if (INVALID_VALUE.test(value)) {
      throw new ApiError(400, `${field}[${index}]`, `${field}[${index}]: the value of "${name}" holds a line break or a character HTTP cannot carry`);
    }
  });
}

export function isHopByHop(lowerName: string, connectionTokens: ReadonlySet<string>): boolean {
  return HOP_BY_HOP.has(lowerName) || lowerName.startsWith('proxy-') || connectionTokens.has(lowerName);
}

function connectionTokens(headers: [string, string][]): Set<string> {
  const tokens = new Set<string>();
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const token of value.split(',')) if (token.trim()) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

function bodyless(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

export function buildForwardRequest(input: ForwardInput): BuiltRequest {
  const url = parseTarget(input.target);
  const method = input.method.toUpperCase();
  const tokens = connectionTokens(input.headers);

  let signed: [string, string][] | null = null;
  let resignedWith: SchemeId | null = null;
  let removeSignature = new Set<string>();
  if (input.resign) {
    const { secret, scheme: setting, generic, explicit } = input.resign;
    const scheme = setting === 'auto' ? detectScheme(input.headers, generic) : setting;
    if (scheme) {
      // Standard Webhooks: keep the sender's header family and message id, since handlers key idempotency on it.
      const headerFamily = standardWebhooksFamily(input.headers);
      const webhookId = headerValue(input.headers, `${headerFamily}id`) ?? input.deliveryId;
      // Vobiz may send hex or base64; re-sign the way this sender did so the local handler sees the same format.
      const vobiz = headerValue(input.headers, 'x-vobiz-signature');
      const encoding = vobiz !== null && !/^[0-9a-f]{64}$/i.test(vobiz.trim()) ? 'base64' : 'hex';
      try {
        signed = signPayload(scheme, secret, input.body, { generic, webhookId, encoding, headerFamily });
      } catch (error) {
        throw new ApiError(400, 'secret', `secret: cannot re-sign with scheme "${scheme}": ${(error as Error).message}`);
      }
      removeSignature = new Set(signatureHeaderNames(scheme, generic));
      for (const [name] of signed) removeSignature.add(name.toLowerCase());
      resignedWith = scheme;
    } else if (explicit) {
      throw new ApiError(
        400,
        'secret',
        'secret: cannot re-sign: the source scheme is "auto" and this delivery carries no known signature header; set the source\'s scheme',
      );
    }
  }

  const host: [string, string] = ['Host', url.host];
  const length: [string, string] | null =
    input.body.length > 0 || !bodyless(method) ? ['Content-Length', String(input.body.length)] : null;
  // Host first, as RFC 9110 §7.2 asks of user agents (and as curl sends it, so "copy as cURL" matches).
  const out: [string, string][] = [host];
  let placedLength = false;
  let placedSignature = false;
  // Other replacements go where the original header stood, so the order the target sees stays the sender's.
  for (const [name, value] of input.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      if (!placedLength && length) out.push(length);
      placedLength = true;
    } else if (signed && removeSignature.has(lower)) {
      if (!placedSignature) out.push(...signed);
      placedSignature = true;
    } else if (!REPLACED.has(lower) && !isHopByHop(lower, tokens)) {
      out.push([name, value]);
    }
  }
  if (!placedLength && length) out.push(length);
  if (signed && !placedSignature) out.push(...signed);
  out.push([DELIVERY_HEADER, input.deliveryId]);

  return { url, method, headers: out, body: input.body, resignedWith };
}
