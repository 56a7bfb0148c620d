// Stores fresh signature verdicts and tells the clients, one row event each: what re-verify, the background walk and
// the doctor's fixes all end with.
import type { InspectorEvent, SignatureResult } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';

export type VerdictStore = Pick<Store, 'updateSignatures' | 'getSummary'>;

/** Writes the verdicts (`relaxed`: without waiting for the fsync) and publishes each updated row; returns the count. */
export function saveVerdicts(
  store: VerdictStore,
  publish: (event: InspectorEvent) => void,
  updates: { id: string; signature: SignatureResult }[],
  options: { relaxed?: boolean } = {},
): number {
  if (updates.length === 0) return 0;
  const updated = store.updateSignatures(updates, options);
  for (const { id } of updates) {
    const summary = store.getSummary(id);
    if (summary) publish({ type: 'delivery-updated', delivery: summary });
  }
  return updated;
}
