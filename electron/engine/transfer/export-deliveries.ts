// Streams an export: reads the chosen deliveries a page at a time in received order (store/export-pages.ts), turns
// each into its format's text (export-formats.ts) and hands it to a sink that may make it wait (a file, an HTTP
// response), so memory holds one page whatever the count. The same stream serves GET /api/export, the inspector's
// file export and `hookscope export` without a running instance.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ExportFormat, ExportResult, TransferProgress } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';
import type { ExportFilters } from '../store/export-pages.js';
import type { FullRow } from '../store/rows.js';
import { CSV_HEADER, HAR_SUFFIX, harPrefix, toCsvRow, toHarEntry, toJsonLine, type HarMeta } from './export-formats.js';
import { PRIVATE_DIR_MODE } from '../config/private-files.js';

/** Which deliveries: these ids, else every one the filters match (q included; all when empty). */
export type ExportScope = { ids: string[] } | { filters: ExportFilters };

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { har: 'har', jsonl: 'jsonl', csv: 'csv' };
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  har: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const PAGE = 200;

interface Walk {
  total: number;
  pages: () => Generator<FullRow[]>;
}

function walk(store: Store, scope: ExportScope): Walk {
  const inOrder = (seqs: number[]): Walk => ({
    total: seqs.length,
    *pages() {
      for (let at = 0; at < seqs.length; at += PAGE) yield store.exports.rows(seqs.slice(at, at + PAGE));
    },
  });
  if ('ids' in scope) return inOrder(store.exports.seqsOf(scope.ids));
  const { q, ...filters } = scope.filters;
  if (q !== undefined && q.trim() !== '') return inOrder(store.searchSeqs({ ...filters, q }));
  return {
    total: store.exports.count(filters),
    *pages() {
      let after = 0;
      for (;;) {
        const rows = store.exports.page(filters, after, PAGE);
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.seq;
      }
    },
  };
}

export interface ExportSink {
  /** Resolves when the chunk may be followed by the next (backpressure). */
  write(chunk: string): Promise<void>;
}

export interface ExportOptions {
  format: ExportFormat;
  har: HarMeta;
  /** Called every few hundred deliveries and at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** Writes the export to the sink; resolves with the number of deliveries written. */
export async function writeExport(store: Store, scope: ExportScope, sink: ExportSink, options: ExportOptions): Promise<number> {
  const { total, pages } = walk(store, scope);
  const { format } = options;
  let done = 0;
  if (format === 'har') await sink.write(harPrefix(options.har));
  if (format === 'csv') await sink.write(CSV_HEADER);
  options.onProgress?.(0, total);
  for (const rows of pages()) {
    let text = '';
    for (const row of rows) {
      const record = store.recordOf(row);
      // A delivery never forwarded has no last_forward, and then no attempts to look up.
      if (format === 'jsonl') text += toJsonLine(record, row.last_forward ? store.listForwards(record.id).reverse() : []);
      else if (format === 'csv') text += toCsvRow(record);
      else text += `${done > 0 ? ',\n' : ''}${toHarEntry(record, options.har)}`;
      done += 1;
    }
    await sink.write(text);
    options.onProgress?.(done, total);
  }
  if (format === 'har') await sink.write(HAR_SUFFIX);
  options.onProgress?.(done, Math.max(done, total));
  return done;
}

/** A sink over a Node stream that waits for 'drain' when the stream's buffer is full (or for it to close). */
export function streamSink(stream: Writable): ExportSink {
  return {
    async write(chunk) {
      if (stream.destroyed) throw new Error('the export was cancelled (the reader went away)');
      if (stream.write(chunk)) return;
      // Both listeners go once either fires: a long export waits thousands of times.
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    },
  };
}

export function exportFileName(format: ExportFormat, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `hookscope-${stamp}-${randomBytes(3).toString('hex')}.${EXPORT_EXTENSIONS[format]}`;
}

export function exportsDir(dataDir: string): string {
  return path.join(dataDir, 'exports');
}

/** An export's progress events: at most one each 200 ms while it runs, and one when it is done. */
export function exportProgress(id: string, publish: ((progress: TransferProgress) => void) | undefined) {
  let lastSent = 0;
  return {
    update(done: number, total: number): void {
      const now = Date.now();
      if (done < total && now - lastSent < 200) return;
      lastSent = now;
      publish?.({ kind: 'export', id, done, total, finished: false });
    },
    finish(count: number): void {
      publish?.({ kind: 'export', id, done: count, total: count, finished: true });
    },
  };
}

/** Writes an export to `file` (or a new file in <data>/exports/), with progress events; the file is 0600. */
export async function exportToFile(
  store: Store,
  scope: ExportScope,
  options: ExportOptions & { dataDir: string; file?: string; exportId?: string; publish?: (progress: TransferProgress) => void },
): Promise<ExportResult> {
  const file = options.file ? path.resolve(options.file) : path.join(exportsDir(options.dataDir), exportFileName(options.format, new Date()));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const stream = fs.createWriteStream(file, { mode: 0o600 });
  const progress = exportProgress(options.exportId ?? path.basename(file), options.publish);
  try {
    const count = await writeExport(store, scope, streamSink(stream), { ...options, onProgress: progress.update });
    stream.end();
    await once(stream, 'finish');
    progress.finish(count);
    return { format: options.format, file, name: path.basename(file), count, bytes: fs.statSync(file).size };
  } catch (error) {
    stream.destroy();
    fs.rmSync(file, { force: true });
    throw error;
  }
}
