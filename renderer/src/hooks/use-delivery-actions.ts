// What the list and detail can do with a delivery (copy cURL, forward, find the delivery to compare with),
// shared by buttons and keyboard shortcuts.
import { useCallback } from 'react';
import type { DeliveryDetail, DeliverySummary, SourceConfig } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { copyText } from '../lib/clipboard.js';
import { contactKey } from '../lib/contact-key.js';
import { bodyJson } from '../lib/pretty-body.js';
import { formatDuration } from '../lib/format.js';
import { rememberedTarget } from '../lib/forward-target.js';
import { useToast } from '../components/toast.js';

const CONTACT_CANDIDATES = 25;

export function useDeliveryActions(options: {
  items: DeliverySummary[];
  sources: SourceConfig[] | null;
  /** Called when a forward has no target yet: show the Forwards tab with its URL field focused. */
  askForTarget: (id: string) => void;
  showDiff: (ids: [string, string]) => void;
}) {
  const { items, sources, askForTarget, showDiff } = options;
  const api = useApi();
  const toast = useToast();

  const sourceOf = useCallback((id: string) => items.find((item) => item.id === id)?.source ?? null, [items]);

  const curlCommand = useCallback(
    async (id: string) => {
      const source = sourceOf(id);
      const url = source ? rememberedTarget(source, sources) : '';
      return (await api.curl(id, url ? { url } : {})).command;
    },
    [api, sourceOf, sources],
  );

  const copyCurl = useCallback(
    async (id: string) => {
      const source = sourceOf(id);
      if (source && !rememberedTarget(source, sources)) {
        // The command targets the developer's server; without its URL there is nothing sensible to copy yet.
        askForTarget(id);
        toast('Enter the URL of your local server; cURL then targets it');
        return;
      }
      try {
        await copyText(await curlCommand(id));
        toast('cURL command copied');
      } catch (error) {
        toast(`Could not copy cURL: ${describeError(error).message}`);
      }
    },
    [askForTarget, curlCommand, sourceOf, sources, toast],
  );

  const forward = useCallback(
    async (id: string) => {
      const source = sourceOf(id);
      const url = source ? rememberedTarget(source, sources) : '';
      if (!url) {
        askForTarget(id);
        toast('Enter the URL of your local server, then Forward');
        return;
      }
      try {
        const attempt = await api.forward(id, { url });
        toast(
          attempt.status !== null
            ? `Forwarded to ${attempt.target}: ${attempt.status} in ${formatDuration(attempt.durationMs)}`
            : `Forward failed: ${attempt.error ?? 'no response'}`,
        );
      } catch (error) {
        toast(`Forward failed: ${describeError(error).message}`);
      }
    },
    [api, askForTarget, sourceOf, sources, toast],
  );

  const comparePrevious = useCallback(
    async (detail: DeliveryDetail, by: 'type' | 'contact') => {
      try {
        if (by === 'type' && detail.eventType) {
          const page = await api.listDeliveries({ type: detail.eventType, until: detail.receivedAt, limit: 10 });
          const previous = page.items.find((item) => item.id < detail.id);
          if (previous) showDiff([previous.id, detail.id]);
          else toast(`No earlier ${detail.eventType} delivery`);
          return;
        }
        const contact = contactKey(bodyJson(detail));
        if (!contact) return;
        // Full-text search narrows the candidates; each is then checked for the same contact at a known path.
        const page = await api.listDeliveries({ q: contact.value, until: detail.receivedAt, limit: CONTACT_CANDIDATES });
        for (const item of page.items) {
          if (item.id >= detail.id) continue;
          const candidate = await api.getDelivery(item.id);
          if (contactKey(bodyJson(candidate))?.value === contact.value) {
            showDiff([candidate.id, detail.id]);
            return;
          }
        }
        toast(`No earlier delivery for contact ${contact.value}`);
      } catch (error) {
        toast(describeError(error).message);
      }
    },
    [api, showDiff, toast],
  );

  return { curlCommand, copyCurl, forward, comparePrevious };
}
