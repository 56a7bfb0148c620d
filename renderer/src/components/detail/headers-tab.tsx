// Headers tab: every header pair in received order with its original case, values as text.
import type { DeliveryDetail } from '../../../../shared/domain.js';
import { HeaderTable } from './header-table.js';

export function HeadersTab({ detail }: { detail: DeliveryDetail }) {
  return (
    <>
      <dl className="kv" style={{ marginBottom: 12 }}>
        <dt>Request</dt>
        <dd>
          {detail.method} {detail.path}
          {detail.query ? `?${detail.query}` : ''}
        </dd>
        <dt>From</dt>
        <dd>{detail.remoteAddress ?? 'unknown'}</dd>
        <dt>Answered</dt>
        <dd>{detail.status}</dd>
      </dl>
      <HeaderTable headers={detail.headers} testId="headers-table" />
    </>
  );
}
