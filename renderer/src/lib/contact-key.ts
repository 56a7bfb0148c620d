// Finds "the contact" a webhook payload is about, so the diff view can offer "compare with the previous delivery
// for the same contact". BuzzBip and Vobiz name it differently per event type, hence a list of known places.

/** Paths tried in order; the first that holds a string or number wins. */
export const CONTACT_PATHS: readonly (readonly string[])[] = [
  ['data', 'contact', 'id'],
  ['data', 'contactId'],
  ['data', 'contact_id'],
  ['data', 'contact', 'phone'],
  ['data', 'contact', 'wa_id'],
  ['data', 'contact', 'waId'],
  ['data', 'conversation', 'contactId'],
  ['data', 'conversation', 'contact', 'id'],
  ['data', 'message', 'contactId'],
  ['data', 'message', 'contact', 'id'],
  ['data', 'phone'],
  ['data', 'from'],
  ['data', 'to'],
  ['data', 'recipient'],
  ['data', 'message', 'from'],
  ['data', 'message', 'to'],
];

export interface ContactKey {
  path: string;
  value: string;
}

export function contactKey(json: unknown): ContactKey | null {
  for (const path of CONTACT_PATHS) {
    let node: unknown = json;
    for (const key of path) {
      node = node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    }
    if ((typeof node === 'string' && node.trim()) || typeof node === 'number') {
      return { path: path.join('.'), value: String(node) };
    }
  }
  return null;
}
