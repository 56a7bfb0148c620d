// The last few delivery details the page loaded, by id, so opening a compare right after looking at a delivery does
// not fetch its (possibly megabyte) body again. Only for what never changes once stored (body, headers, path, event,
// times); views that show the signature or forwards fetch afresh.
import type { DeliveryDetail } from '../../../shared/domain.js';

const KEEP = 4;
const recent = new Map<string, DeliveryDetail>();

export function rememberDetail(detail: DeliveryDetail): void {
  recent.delete(detail.id);
  recent.set(detail.id, detail);
  while (recent.size > KEEP) recent.delete(recent.keys().next().value!);
}

export function recentDetail(id: string): DeliveryDetail | undefined {
  return recent.get(id);
}
