// Raw tab: the exact received bytes, as text when they are UTF-8 (with a hex toggle), always hex when binary.
import { useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/domain.js';
import { formatBytes } from '../../lib/format.js';
import { hexDump } from '../../lib/hex-dump.js';
import { bodyBytes } from '../../lib/pretty-body.js';

export function RawTab({ detail }: { detail: DeliveryDetail }) {
  const binary = detail.body === null;
  const [hex, setHex] = useState(binary);
  const dump = useMemo(() => (hex || binary ? hexDump(bodyBytes(detail)) : null), [hex, binary, detail]);
  return (
    <>
      <div className="raw-toolbar">
        <span>
          {formatBytes(detail.size)} · {detail.contentType ?? 'no content type'} {binary ? '· binary' : '· UTF-8'}
        </span>
        <span className="spacer" />
        {!binary && (
          <label className="inline-check">
            <input type="checkbox" checked={hex} onChange={(event) => setHex(event.target.checked)} /> Hex
          </label>
        )}
      </div>
      <div className="raw-text">
        {dump ? (
          <>
            <pre data-testid="hex-dump" style={{ whiteSpace: 'pre' }}>{dump.text}</pre>
            {dump.truncated && <div className="notice">Showing the first 64 KB of {formatBytes(detail.size)}.</div>}
          </>
        ) : (
          <pre data-testid="raw-body">{detail.body}</pre>
        )}
      </div>
    </>
  );
}
