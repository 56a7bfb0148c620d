// The body as the UI uses it. The detail answer carries the body once (text, or base64 when the text is not the
// exact bytes); the parsed JSON and the bytes are derived here, once per detail object.
import type { DeliveryDetail } from '../../../shared/domain.js';
import { base64ToBytes } from './hex-dump.js';
import { jsonDepth, MAX_TREE_DEPTH } from './json-depth.js';

type BodyFields = Pick<DeliveryDetail, 'body' | 'bodyBase64' | 'parseError' | 'size'>;

const parsed = new WeakMap<object, unknown>();
const depths = new WeakMap<object, number>();

function isJsonBody(detail: BodyFields): detail is BodyFields & { body: string } {
  return detail.parseError === null && detail.body !== null && detail.size > 0;
}

/** How deeply the JSON body nests (0 for a body that is not JSON). */
export function bodyDepth(detail: BodyFields): number {
  if (!isJsonBody(detail)) return 0;
  if (!depths.has(detail)) depths.set(detail, jsonDepth(detail.body));
  return depths.get(detail)!;
}

/** A JSON body too deep for any tree view (see json-depth.ts): it is shown and compared as text. */
export function tooDeep(detail: BodyFields): boolean {
  return bodyDepth(detail) > MAX_TREE_DEPTH;
}

/** The parsed body when it is JSON (the envelope parsed on arrival) and shallow enough to walk, else null. */
export function bodyJson(detail: BodyFields): unknown {
  if (!isJsonBody(detail) || tooDeep(detail)) return null;
  if (!parsed.has(detail)) {
    let value: unknown = null;
    try {
      value = JSON.parse(detail.body);
    } catch {
      value = null;
    }
    parsed.set(detail, value);
  }
  return parsed.get(detail);
}

/** The exact received bytes. */
export function bodyBytes(detail: BodyFields): Uint8Array {
  return detail.bodyBase64 !== null ? base64ToBytes(detail.bodyBase64) : new TextEncoder().encode(detail.body ?? '');
}

/** Whether two deliveries carry the same bytes. */
export function sameBytes(left: BodyFields, right: BodyFields): boolean {
  return left.body === right.body && left.bodyBase64 === right.bodyBase64;
}

/** The text the Body tab and the diff show: pretty JSON when it parsed, else the body as received. */
export function prettyBody(detail: BodyFields): { text: string; isJson: boolean } {
  if (isJsonBody(detail) && !tooDeep(detail)) {
    return { text: JSON.stringify(bodyJson(detail), null, 2) ?? '', isJson: true };
  }
  return { text: detail.body ?? '', isJson: false };
}
