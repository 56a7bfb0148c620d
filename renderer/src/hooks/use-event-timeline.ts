// One event's attempts and retry verdict (GET /api/events/:eventId), refetched when a new attempt of it arrives.
import { useEffect, useState } from 'react';
import type { EventTimeline } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';

export function useEventTimeline(eventId: string | null, source: string): { timeline: EventTimeline | null; error: string | null } {
  const api = useApi();
  const [timeline, setTimeline] = useState<EventTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    setTimeline(null);
    if (!eventId) return;
    let live = true;
    api.getEvent(eventId, { source }).then(
      (value) => {
        if (!live) return;
        setTimeline(value);
        setError(null);
      },
      (reason: unknown) => {
        if (live) setError(describeError(reason).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, eventId, source, version]);

  useEffect(() => {
    if (!eventId) return;
    return api.subscribe((event) => {
      if (event.type === 'delivery' && event.delivery.eventId === eventId && event.delivery.source === source) {
        setVersion((value) => value + 1);
      }
    });
  }, [api, eventId, source]);

  return { timeline, error };
}
