// The text the Body tab and the diff show for a delivery: pretty JSON when it parsed, else the body as received.
import type { DeliveryDetail } from '../../../shared/domain.js';

export function prettyBody(detail: Pick<DeliveryDetail, 'json' | 'body' | 'parseError' | 'size'>): { text: string; isJson: boolean } {
  if (detail.parseError === null && detail.body !== null && detail.size > 0) {
    return { text: JSON.stringify(detail.json, null, 2) ?? '', isJson: true };
  }
  return { text: detail.body ?? '', isJson: false };
}
