// One delivery's detail, refetched when the services report a change to it (re-verify, forward attempt).
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { rememberDetail } from '../lib/recent-details.js';

export function useDelivery(id: string | null): {
  detail: DeliveryDetail | null;
  error: string | null;
  reload: () => void;
} {
  const api = useApi();
  const [detail, setDetail] = useState<DeliveryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((value) => value + 1), []);

  useEffect(() => {
    if (!id) {
      setDetail(null);
      return;
    }
    let live = true;
    api.getDelivery(id).then(
      (value) => {
        if (!live) return;
        rememberDetail(value);
        setDetail(value);
        setError(null);
      },
      (reason: unknown) => {
        if (!live) return;
        setDetail(null);
        setError(describeError(reason).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, version]);

  useEffect(() => {
    if (!id) return;
    return api.subscribe((event) => {
      if (event.type === 'delivery-updated' && event.delivery.id === id) reload();
      if (event.type === 'forward' && event.attempt.deliveryId === id) reload();
    });
  }, [api, id, reload]);

  return { detail: detail && detail.id === id ? detail : null, error, reload };
}
