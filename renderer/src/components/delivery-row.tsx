// One row of the deliveries list: two fixed-height lines, every value rendered as text.
import { memo } from 'react';
import type { DeliverySummary } from '../../../shared/domain.js';
import { formatAttempt, formatBytes, formatClock, formatTimestamp } from '../lib/format.js';
import { forwardTooSlow } from '../lib/platform-limits.js';
import { SignatureBadge } from './signature-badge.js';

interface DeliveryRowProps {
  delivery: DeliverySummary;
  index: number;
  top: number;
  selected: boolean;
  open: boolean;
  fresh: boolean;
  checked: boolean;
  onClick: (id: string, index: number, event: React.MouseEvent) => void;
  onToggleCheck: (id: string) => void;
  /** Grouped retries: the row stands for every attempt of its event and can expand to them (null: not a group). */
  expanded: boolean | null;
  onToggleGroup: (delivery: DeliverySummary) => void;
}

function DeliveryRowView(props: DeliveryRowProps) {
  const { delivery, index, top, selected, open, fresh, checked, onClick, onToggleCheck, expanded, onToggleGroup } = props;
  const forward = delivery.lastForward;
  const forwardOk = forward && forward.status !== null && forward.status < 400 && !forward.error;
  const slow = forwardTooSlow(forward);
  const classes = ['row'];
  if (selected) classes.push('selected');
  if (fresh) classes.push('fresh');
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      aria-current={open ? 'true' : undefined}
      data-event-id={delivery.id}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => onClick(delivery.id, index, event)}
    >
      <span className="check" role="gridcell">
        <input
          type="checkbox"
          aria-label={`Mark ${delivery.eventType ?? 'delivery'} ${delivery.eventId ?? delivery.id} for compare or forward`}
          checked={checked}
          onClick={(event) => event.stopPropagation()}
          onChange={() => onToggleCheck(delivery.id)}
          tabIndex={-1}
        />
      </span>
      <span className="time" role="gridcell" title={formatTimestamp(delivery.receivedAt)}>
        {formatClock(delivery.receivedAt)}
      </span>
      {/* Cut with an ellipsis when the list is narrow: the whole name is in the tooltip. */}
      <span className={delivery.eventType ? 'type' : 'type untyped'} role="gridcell" data-col="type" title={delivery.eventType ?? undefined}>
        {delivery.eventType ?? delivery.contentType ?? 'no event type'}
      </span>
      <span className="meta top" role="gridcell">
        <SignatureBadge status={delivery.signature.status} />
        {forward && (
          <span
            className={`fwd ${slow ? 'slow' : forwardOk ? 'ok' : 'fail'}`}
            title={slow ?? (forward.error ? `Forward failed: ${forward.error}` : `Forwarded: ${forward.status}`)}
            data-col="forward"
          >
            → {forward.status ?? 'err'}
            {slow ? ' slow' : ''}
          </span>
        )}
      </span>
      <span className="reqline" role="gridcell" data-col="request">
        <span className="method">{delivery.method}</span>
        {delivery.path}
        {delivery.query ? `?${delivery.query}` : ''}
        <span className="source">· {delivery.source}</span>
      </span>
      <span className="meta bottom" role="gridcell">
        {delivery.eventId && (
          <span className="evid" title={delivery.eventId} data-col="event-id">
            {delivery.eventId}
          </span>
        )}
        {delivery.attempt > 1 && expanded !== null && (
          <button
            type="button"
            className="btn ghost small group-toggle"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Hide' : 'Show'} the ${delivery.attempt} attempts of ${delivery.eventId}`}
            onClick={(event) => {
              event.stopPropagation();
              onToggleGroup(delivery);
            }}
            tabIndex={-1}
          >
            {expanded ? '▾' : '▸'} {delivery.attempt} attempts
          </button>
        )}
        {delivery.attempt > 1 && expanded === null && <span className="attempt">{formatAttempt(delivery.attempt)}</span>}
        <span>{formatBytes(delivery.size)}</span>
        <span className="answered" title={`Hookscope answered ${delivery.status}`}>↩ {delivery.status}</span>
      </span>
    </div>
  );
}

export const DeliveryRow = memo(DeliveryRowView);
