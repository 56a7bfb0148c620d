// Exports, imports and test fixtures for one running Hookscope: the one place that knows its store, config, data
// folder and public URL, used by the service object (InspectorApi), the HTTP routes that stream (GET /api/export,
// POST /api/import) and the CLI without a running instance. Progress goes out as 'progress' events.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ulid } from 'ulid';
import type {
  DeliveryFilters,
  ExportFormat,
  ExportRequest,
  ExportResult,
  FixtureRequest,
  FixtureResult,
  ImportRequest,
  ImportResult,
  InspectorEvent,
  TransferProgress,
} from '../../../shared/domain.js';
import { ApiError, notFound } from '../../../shared/api-error.js';
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { exportProgress, exportsDir, exportToFile, writeExport, type ExportScope, type ExportSink } from './export-deliveries.js';
import { importEntries } from './import-deliveries.js';
import { readHar, readJsonLines, readText, sniffFormat, type TransferFormat } from './read-deliveries.js';
import { saveFixture } from './save-fixture.js';

/** A HAR upload is one JSON document, read whole; JSON Lines stream at any size. */
export const MAX_HAR_UPLOAD_BYTES = 512 * 1024 * 1024;

export interface TransferDeps {
  store: Store;
  config: Config;
  dataDir: string;
  version: string;
  /** Where HAR request URLs point: the public URL when the tunnel is up, else the receiver on this machine. */
  baseUrl: () => string;
  publish: (event: InspectorEvent) => void;
}

export function scopeOf(request: { ids?: string[] | undefined; query?: DeliveryFilters | undefined }): ExportScope {
  return request.ids ? { ids: request.ids } : { filters: request.query ?? {} };
}

export class TransferService {
  constructor(private readonly deps: TransferDeps) {}

  exportToFile(request: ExportRequest, file?: string): Promise<ExportResult> {
    const { store, dataDir, version } = this.deps;
    return exportToFile(store, scopeOf(request), {
      format: request.format,
      har: { version, baseUrl: this.deps.baseUrl() },
      dataDir,
      ...(file ? { file } : {}),
      ...(request.exportId ? { exportId: request.exportId } : {}),
      publish: (progress) => this.deps.publish({ type: 'progress', progress }),
    });
  }

  /** Streams an export into a sink (an HTTP response); progress events when an exportId is given. */
  async stream(format: ExportFormat, scope: ExportScope, sink: ExportSink, exportId?: string): Promise<number> {
    const progress = exportProgress(exportId ?? '', exportId ? (value) => this.deps.publish({ type: 'progress', progress: value }) : undefined);
    const count = await writeExport(this.deps.store, scope, sink, {
      format,
      har: { version: this.deps.version, baseUrl: this.deps.baseUrl() },
      onProgress: progress.update,
    });
    progress.finish(count);
    return count;
  }

  /** A file exportDeliveries() wrote (the name is checked by the caller's schema). */
  exportFile(name: string): string {
    const file = path.join(exportsDir(this.deps.dataDir), name);
    if (!fs.existsSync(file)) throw notFound('export', name);
    return file;
  }

  importText(request: ImportRequest): Promise<ImportResult> {
    const format = request.format ?? sniffFormat(request.content.slice(0, 200));
    return importEntries(readText(request.content, format), format, this.context(request.importId));
  }

  /** Imports a file arriving as a stream (an upload, a file on disk). */
  async importStream(input: Readable, format?: TransferFormat, importId?: string): Promise<ImportResult> {
    // The first bytes say which format it is; put back, they are read again with the rest.
    const head = (await firstBytes(input)) ?? Buffer.alloc(0);
    if (head.length === 0) return importEntries([], format ?? 'jsonl', this.context(importId));
    input.unshift(head);
    const chosen = format ?? sniffFormat(head.toString('utf8', 0, Math.min(head.length, 200)));
    if (chosen === 'jsonl') return importEntries(readJsonLines(input), 'jsonl', this.context(importId));
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_HAR_UPLOAD_BYTES) {
        throw new ApiError(413, '(body)', `a HAR file is read whole, and this one is larger than ${MAX_HAR_UPLOAD_BYTES} bytes; export JSON Lines instead`);
      }
      chunks.push(chunk);
    }
    return importEntries(readHar(Buffer.concat(chunks).toString('utf8')), 'har', this.context(importId));
  }

  saveFixture(request: FixtureRequest): FixtureResult {
    return saveFixture(this.deps.store, this.deps.config.getSources(), request, { dataDir: this.deps.dataDir, version: this.deps.version });
  }

  private context(importId = ulid()) {
    return {
      store: this.deps.store,
      config: this.deps.config,
      importId,
      publish: (progress: TransferProgress) => this.deps.publish({ type: 'progress', progress }),
    };
  }
}

/** What the stream has buffered first, or null when it ends with nothing (an error rejects). */
async function firstBytes(input: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = input.read() as Buffer | null;
    if (chunk !== null) return chunk;
    if (input.readableEnded) return null;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        input.off('readable', done);
        input.off('end', done);
        input.off('error', failed);
        resolve();
      };
      const failed = (error: Error) => {
        done();
        reject(error);
      };
      input.on('readable', done);
      input.on('end', done);
      input.on('error', failed);
    });
  }
}
