// What the list toolbar and the detail do with files and selections: export (marked, open, or all matching the
// filter), import a dropped or chosen file, save deliveries as a test fixture, and forward a selection in one call.
// Each runs as the one transfer on show (use-transfer.ts) and ends with words saying what came of it.
import { useMemo } from 'react';
import type { DeliveryFilters, DeliveryQuery, ExportFormat, ImportResult } from '../../../shared/domain.js';
import { usePickedApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { formatCount } from '../lib/format.js';
import type { TransferControl } from './use-transfer.js';

export const FORMAT_LABELS: Record<ExportFormat, string> = { har: 'HAR', jsonl: 'JSON Lines', csv: 'CSV' };

export type ExportScope = { ids: string[] } | { query: DeliveryQuery };

/** The list's query as export filters: every attempt (not grouped), no page. */
export function exportFilters(query: DeliveryQuery): DeliveryFilters {
  const { limit: _limit, cursor: _cursor, retries: _retries, ...filters } = query;
  return filters;
}

export function describeImport(result: ImportResult): { message: string; tone: 'ok' | 'warn' | 'bad' } {
  const parts = [`Imported ${formatCount(result.imported)} of ${formatCount(result.read)}`];
  if (result.duplicates) parts.push(`${formatCount(result.duplicates)} already here`);
  const verdicts = Object.entries(result.signatures).filter(([, n]) => n > 0).map(([status, n]) => `${formatCount(n)} ${status}`);
  if (verdicts.length) parts.push(`signatures here: ${verdicts.join(', ')}`);
  if (result.errorCount) parts.push(`${formatCount(result.errorCount)} unreadable (first: entry ${result.errors[0]?.entry}: ${result.errors[0]?.message})`);
  const text = [parts.join(' · '), ...result.warnings].join('. ');
  return { message: text, tone: result.errorCount ? 'bad' : result.warnings.length ? 'warn' : 'ok' };
}

export function useTransferActions(transfer: Pick<TransferControl, 'start' | 'finish'>, onImported: () => void) {
  const { api, files } = usePickedApi();
  // Only the two stable callbacks: the actions (and the detail's, built from them) stay the same while progress moves.
  const { start, finish } = transfer;
  return useMemo(
    () => ({
      async exportDeliveries(format: ExportFormat, scope: ExportScope): Promise<void> {
        const id = start(`Exporting ${FORMAT_LABELS[format]}`);
        try {
          const request = 'ids' in scope ? { format, ids: scope.ids, exportId: id } : { format, query: exportFilters(scope.query), exportId: id };
          const result = await api.exportDeliveries(request);
          const download = files ? files.downloadUrl(result.name) : null;
          finish(id, {
            message: `Exported ${formatCount(result.count)} deliveries as ${FORMAT_LABELS[format]} (${result.name})`,
            tone: 'ok',
            file: result.file,
            download,
          });
          // In the browser the file is handed over at once; the bar keeps the link for a second try.
          if (download) clickDownload(download, result.name);
        } catch (error) {
          finish(id, { message: `Export failed: ${describeError(error).message}`, tone: 'bad' });
        }
      },

      async importFile(file: File): Promise<void> {
        const id = start(`Importing ${file.name}`);
        try {
          const result = files ? await files.upload(file, id) : await api.importDeliveries({ content: await file.text(), importId: id });
          finish(id, describeImport(result));
          onImported();
        } catch (error) {
          finish(id, { message: `Import failed: ${describeError(error).message}`, tone: 'bad' });
        }
      },

      async saveFixture(ids: string[]): Promise<void> {
        const id = start('Saving the test fixture');
        try {
          const result = await api.saveFixture({ ids });
          finish(id, { message: `Saved ${ids.length === 1 ? 'a test fixture' : `${ids.length} test fixtures`} (body, headers, sign.mjs) in ${result.dir}`, tone: 'ok', file: result.dir });
        } catch (error) {
          finish(id, { message: `Could not save the fixture: ${describeError(error).message}`, tone: 'bad' });
        }
      },

      /** `groups`: the ids per target URL (the one each source's forward box remembers), each sent in received order. */
      async forwardMany(groups: { url: string; ids: string[] }[]): Promise<void> {
        const count = groups.reduce((sum, group) => sum + group.ids.length, 0);
        const id = start(`Forwarding ${count} deliveries`);
        try {
          const results = [];
          for (const group of groups) results.push(...(await api.forwardMany({ ids: group.ids, url: group.url, batchId: id })).results);
          const result = { results };
          const ok = result.results.filter((entry) => entry.status !== null && entry.status >= 200 && entry.status < 300).length;
          const failed = result.results.length - ok;
          const first = result.results.find((entry) => !(entry.status !== null && entry.status >= 200 && entry.status < 300));
          finish(id, {
            message: `Forwarded ${ok} of ${result.results.length} with a 2xx answer${failed ? `; ${failed} not (first: ${first?.status ?? first?.error ?? 'no answer'})` : ''}`,
            tone: failed ? 'warn' : 'ok',
          });
        } catch (error) {
          finish(id, { message: `Forwarding failed: ${describeError(error).message}`, tone: 'bad' });
        }
      },
    }),
    [api, files, start, finish, onImported],
  );
}

function clickDownload(href: string, name: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
