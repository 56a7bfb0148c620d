// The detail panel of one delivery: a header with its identity and actions, and the Body/Raw/Headers/Signature/
// Forwards tabs.
import type { DeliveryDetail, SourceConfig } from '../../../../shared/domain.js';
import { contactKey } from '../../lib/contact-key.js';
import { formatAttempt, formatBytes, formatTimestamp } from '../../lib/format.js';
import { bodyJson, prettyBody } from '../../lib/pretty-body.js';
import { CopyButton } from '../copy-button.js';
import { SignatureBadge } from '../signature-badge.js';
import { BodyTab } from './body-tab.js';
import { ForwardsTab } from './forwards-tab.js';
import { HeadersTab } from './headers-tab.js';
import { RawTab } from './raw-tab.js';
import { RetriesTab } from './retries-tab.js';
import { SignatureTab } from './signature-tab.js';

import { DETAIL_TABS, type DetailTab } from '../../lib/inspector-state.js';

export type { DetailTab };

const TAB_LABELS: Record<DetailTab, string> = {
  body: 'Body',
  raw: 'Raw',
  headers: 'Headers',
  signature: 'Signature',
  retries: 'Retries',
  forwards: 'Forwards',
};

export interface DetailActions {
  copyCurl: (id: string) => Promise<string>;
  forward: (id: string) => void;
  compareWith: (id: string) => void;
  comparePrevious: (detail: DeliveryDetail, by: 'type' | 'contact') => void;
  compareFirst: (detail: DeliveryDetail) => void;
  remove: (id: string) => void;
  /** Writes it as a test fixture (raw body, headers, a signer). */
  saveFixture: (id: string) => void;
  /** Opens Settings at this source's secrets (or at the top). */
  openSettings: (source?: string) => void;
  /** Opens another delivery (an attempt in the Retries timeline) on the same tab. */
  open: (id: string) => void;
}

interface DeliveryDetailProps {
  detail: DeliveryDetail | null;
  error: string | null;
  tab: DetailTab;
  onTab: (tab: DetailTab) => void;
  sources: SourceConfig[] | null;
  onSourcesSaved: (sources: SourceConfig[]) => void;
  forwardFocus: number;
  comparePicking: boolean;
  actions: DetailActions;
}

export function DeliveryDetailPanel(props: DeliveryDetailProps) {
  const { detail, error, tab, onTab, sources, onSourcesSaved, forwardFocus, comparePicking, actions } = props;
  if (error) return <section className="detail"><div className="placeholder">{error}</div></section>;
  if (!detail) return <section className="detail"><div className="placeholder">Loading…</div></section>;
  const contact = contactKey(bodyJson(detail));
  return (
    <section className="detail" aria-label="Delivery detail" data-testid="detail" data-delivery-id={detail.id}>
      <header className="detail-head">
        <div className="detail-title">
          <SignatureBadge status={detail.signature.status} />
          <h2 data-testid="detail-title">{detail.eventType ?? `${detail.method} ${detail.path}`}</h2>
          {detail.attempt > 1 && <span className="badge missing">{formatAttempt(detail.attempt)}</span>}
        </div>
        <div className="detail-sub" title={detail.id}>
          {detail.method} {detail.path}
          {detail.query ? `?${detail.query}` : ''} · {detail.source} · {formatTimestamp(detail.receivedAt)} · {formatBytes(detail.size)}
          {detail.eventId ? ` · ${detail.eventId}` : ''}
        </div>
        <div className="actions">
          <CopyButton label="Copy body" value={detail.body ?? prettyBody(detail).text} what="Body" />
          <CopyButton label="Copy cURL" value={() => actions.copyCurl(detail.id)} what="cURL command" title="c" />
          {detail.eventId && <CopyButton label="Copy event id" value={detail.eventId} what="Event id" />}
          <button type="button" className="btn small" onClick={() => actions.forward(detail.id)} title="f">
            Forward
          </button>
          <button type="button" className="btn small" aria-pressed={comparePicking} onClick={() => actions.compareWith(detail.id)}>
            {comparePicking ? 'Pick a row to compare…' : 'Compare with…'}
          </button>
          {detail.eventType && (
            <button type="button" className="btn small" onClick={() => actions.comparePrevious(detail, 'type')}>
              vs previous {detail.eventType}
            </button>
          )}
          {contact && (
            <button type="button" className="btn small" title={`${contact.path} = ${contact.value}`} onClick={() => actions.comparePrevious(detail, 'contact')}>
              vs previous for this contact
            </button>
          )}
          {detail.firstDeliveryId && (
            <button type="button" className="btn small" onClick={() => actions.compareFirst(detail)}>
              vs first attempt
            </button>
          )}
          <button type="button" className="btn small" onClick={() => actions.saveFixture(detail.id)} title="Raw body, headers and a signer for your test suite">
            Save as test fixture
          </button>
          <button type="button" className="btn small danger" onClick={() => actions.remove(detail.id)}>
            Delete
          </button>
        </div>
      </header>
      {/* The WAI-ARIA tabs pattern: one tab in the Tab order, arrows/Home/End move between them and show each. */}
      <div
        className="tabs"
        role="tablist"
        aria-label="Delivery details"
        onKeyDown={(event) => {
          const at = DETAIL_TABS.indexOf(tab);
          const next =
            event.key === 'ArrowRight' ? (at + 1) % DETAIL_TABS.length
            : event.key === 'ArrowLeft' ? (at - 1 + DETAIL_TABS.length) % DETAIL_TABS.length
            : event.key === 'Home' ? 0
            : event.key === 'End' ? DETAIL_TABS.length - 1
            : -1;
          if (next < 0) return;
          event.preventDefault();
          event.stopPropagation();
          onTab(DETAIL_TABS[next]!);
          (event.currentTarget.querySelector(`#tab-${DETAIL_TABS[next]}`) as HTMLElement | null)?.focus();
        }}
      >
        {DETAIL_TABS.map((name) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === name}
            aria-controls="detail-tabpanel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => onTab(name)}
          >
            {TAB_LABELS[name]}
            {name === 'forwards' && detail.forwards.length ? ` (${detail.forwards.length})` : ''}
            {name === 'retries' && detail.attempt > 1 ? ` (${detail.attempt})` : ''}
          </button>
        ))}
      </div>
      <div className={tab === 'body' || tab === 'raw' ? 'tab-body flush' : 'tab-body'} role="tabpanel" id="detail-tabpanel" aria-labelledby={`tab-${tab}`} data-tab={tab}>
        {tab === 'body' && <BodyTab detail={detail} />}
        {tab === 'raw' && <RawTab detail={detail} />}
        {tab === 'headers' && <HeadersTab detail={detail} />}
        {tab === 'signature' && <SignatureTab detail={detail} onOpenSettings={actions.openSettings} />}
        {tab === 'retries' && <RetriesTab detail={detail} onOpen={actions.open} />}
        {tab === 'forwards' && (
          <ForwardsTab detail={detail} sources={sources} focusSignal={forwardFocus} onSourcesSaved={onSourcesSaved} />
        )}
      </div>
    </section>
  );
}
