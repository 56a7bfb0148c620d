// Deleting from the inspector: one delivery (its detail's Delete) or everything the list's filter matches (the
// toolbar's button, which asks for a second click), each ending in "Deleted 3 deliveries · Undo" while the services
// keep them (UNDO_WINDOW_MS), or saying the delete was too large to keep.
import { useCallback, useRef, useState } from 'react';
import type { DeleteRequest, DeleteResult } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { useToast } from '../components/toast.js';
import { formatCount } from '../lib/format.js';

const CONFIRM_MS = 4000;
const deliveries = (n: number) => `${formatCount(n)} ${n === 1 ? 'delivery' : 'deliveries'}`;

export function useDeletes(onDeleted: (ids: string[] | 'all') => void) {
  const api = useApi();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const announce = useCallback(
    (result: DeleteResult) => {
      if (!result.undoToken || !result.undoUntil) {
        toast(result.deleted === 0 ? 'Nothing to delete' : `Deleted ${deliveries(result.deleted)} (too many to keep for undo)`);
        return;
      }
      const token = result.undoToken;
      toast(`Deleted ${deliveries(result.deleted)}`, {
        label: 'Undo',
        // A little before the services close the window, so a click on Undo always finds it open.
        ms: Math.max(0, Date.parse(result.undoUntil) - Date.now() - 500),
        run: () =>
          void api.undoDelete(token).then(
            (undone) => toast(`Restored ${deliveries(undone.restored)}`),
            (error: unknown) => toast(describeError(error).message),
          ),
      });
    },
    [api, toast],
  );

  const run = useCallback(
    (request: DeleteRequest, deleted: string[] | 'all') =>
      api.deleteDeliveries(request).then(
        (result) => {
          onDeleted(deleted);
          announce(result);
        },
        (error: unknown) => toast(describeError(error).message),
      ),
    [api, announce, onDeleted, toast],
  );

  const removeOne = useCallback((id: string) => void run({ ids: [id] }, [id]), [run]);

  /** First click arms the button ("Click again to delete 3 matching"); the second, within 4 s, deletes. */
  const deleteShown = useCallback(
    (request: DeleteRequest) => {
      if (timer.current) clearTimeout(timer.current);
      if (!confirming) {
        setConfirming(true);
        timer.current = setTimeout(() => setConfirming(false), CONFIRM_MS);
        return;
      }
      setConfirming(false);
      void run(request, 'all');
    },
    [confirming, run],
  );

  return { confirming, removeOne, deleteShown };
}
