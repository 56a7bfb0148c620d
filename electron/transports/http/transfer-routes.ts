// The HTTP-only routes of exports and imports, which stream instead of answering one JSON value: GET /api/export
// (the export itself as the response body, written as it is read, so any number of deliveries fits in constant
// memory), GET /api/exports/:name (a file exportDeliveries() wrote) and POST /api/import (the file as the request
// body). Arguments are judged by the shared schemas, as every other route's are.
import fs from 'node:fs';
import type http from 'node:http';
import { ApiError } from '../../../shared/api-error.js';
import { EXPORT_FILE_PATH, EXPORT_STREAM_PATH, IMPORT_UPLOAD_PATH } from '../../../shared/routes.js';
import { ExportFileNameSchema, ExportQuerySchema, ImportQuerySchema, parseOrThrow } from '../../../shared/schemas.js';
import { EXPORT_CONTENT_TYPES, EXPORT_EXTENSIONS, exportFileName, streamSink } from '../../engine/transfer/export-deliveries.js';
import type { TransferService } from '../../engine/transfer/transfer-service.js';
import { SECURITY_HEADERS } from './static-files.js';

const EXPORT_FILE_PATTERN = new RegExp(`^${EXPORT_FILE_PATH.replace(':name', '([^/]+)')}$`);

export interface Answer {
  json(status: number, body: unknown): void;
  error(error: unknown): void;
}

/** Handles the request when it is one of these routes; false when it is not. */
export async function handleTransfer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  transfer: TransferService | undefined,
  answer: Answer,
): Promise<boolean> {
  const { pathname } = url;
  const isExport = pathname === EXPORT_STREAM_PATH;
  const file = EXPORT_FILE_PATTERN.exec(pathname);
  const isImport = pathname === IMPORT_UPLOAD_PATH;
  if (!isExport && !file && !isImport) return false;
  const method = isImport ? 'POST' : 'GET';
  if (req.method !== method) {
    req.resume();
    answer.json(405, { status: 405, error: `${req.method} is not allowed; use ${method}` });
    return true;
  }
  try {
    if (!transfer) throw new ApiError(501, undefined, 'export and import are not available in this build');
    if (isExport) await streamExport(req, res, url, transfer);
    else if (file) sendExportFile(req, res, file[1]!, transfer);
    else {
      const query = parseOrThrow(ImportQuerySchema, Object.fromEntries(url.searchParams));
      answer.json(200, await transfer.importStream(req, query.format, query.importId));
    }
  } catch (error) {
    req.resume();
    if (res.headersSent) res.destroy();
    else answer.error(error);
  }
  return true;
}

async function streamExport(req: http.IncomingMessage, res: http.ServerResponse, url: URL, transfer: TransferService): Promise<void> {
  req.resume();
  const { format, ids, exportId, ...filters } = parseOrThrow(ExportQuerySchema, Object.fromEntries(url.searchParams));
  res.writeHead(200, {
    'Content-Type': EXPORT_CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${exportFileName(format, new Date())}"`,
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
  });
  await transfer.stream(format, ids ? { ids } : { filters }, streamSink(res), exportId);
  res.end();
}

function sendExportFile(req: http.IncomingMessage, res: http.ServerResponse, rawName: string, transfer: TransferService): void {
  req.resume();
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    throw new ApiError(400, 'name', 'name: not valid percent-encoding');
  }
  const file = transfer.exportFile(parseOrThrow(ExportFileNameSchema, name, 'name'));
  const format = name.slice(name.lastIndexOf('.') + 1) as keyof typeof EXPORT_EXTENSIONS;
  res.writeHead(200, {
    'Content-Type': EXPORT_CONTENT_TYPES[format],
    'Content-Length': fs.statSync(file).size,
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
  });
  fs.createReadStream(file).pipe(res);
}
