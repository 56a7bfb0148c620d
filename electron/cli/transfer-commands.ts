// `hookscope export`, `hookscope import` and `hookscope fixture`. When a `hookscope listen` serves the data folder
// (its <data>/hookscope.lock names its API port) they go through its API, streamed both ways, so its inspector sees an import at once;
// otherwise they open the data folder's database themselves. Exit codes: 0 done, 1 done with entries that could
// not be read, 2 nothing done (the message says why).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DeliveryFilters, ExportFormat, FixtureResult, ImportResult } from '../../shared/domain.js';
import { ApiError } from '../../shared/api-error.js';
import { callOverHttp, errorFromAnswer } from '../../shared/http-call.js';
import { EXPORT_STREAM_PATH, IMPORT_UPLOAD_PATH, toSearch } from '../../shared/routes.js';
import { ExportQuerySchema, FixtureRequestSchema, parseOrThrow } from '../../shared/schemas.js';
import { readApiToken } from '../engine/config/api-token.js';
import { ConfigError } from '../engine/config/config.js';
import { withFolderStore } from './data-folder.js';
import { runningInstance, type RunningInstance } from '../engine/config/folder-lock.js';
import { TransferService } from '../engine/transfer/transfer-service.js';
import { VERSION } from '../composition/start-hookscope.js';
import { paint } from './format.js';

export interface DataOptions {
  data: string;
  config?: string;
}

export interface ExportOptions extends DataOptions, Omit<DeliveryFilters, 'q'> {
  format: ExportFormat;
  out: string;
  ids?: string;
  /** `--search`: the list's `q`. */
  search?: string;
}

/** Runs `work` against the folder's own store (no instance is running on it). */
function offline<T>(options: DataOptions, work: (transfer: TransferService) => Promise<T>, create = false): Promise<T> {
  return withFolderStore(
    options,
    ({ config, store }) =>
      work(new TransferService({ store, config, dataDir: path.resolve(options.data), version: VERSION, baseUrl: () => 'http://127.0.0.1', publish: () => undefined })),
    create,
  );
}

function fail(error: unknown): number {
  const message = error instanceof ApiError || error instanceof ConfigError ? error.message : (error as Error)?.message ?? String(error);
  console.error(paint('red', `hookscope: ${message}`, process.stderr));
  return 2;
}

function via(running: RunningInstance | null): string {
  return running ? paint('dim', `  via the running instance (pid ${running.pid}, inspector on port ${running.apiPort})`, process.stderr) : '';
}

export async function exportCommand(options: ExportOptions): Promise<number> {
  try {
    const { data, config: _config, out, format, ids, search, ...rest } = options;
    const filters: DeliveryFilters = { ...rest, ...(search !== undefined ? { q: search } : {}) };
    // Judged as the API judges GET /api/export, so both say the same about a bad filter.
    const query = parseOrThrow(ExportQuerySchema, { format, ...filters, ...(ids ? { ids } : {}) });
    const file = path.resolve(out);
    const running = runningInstance(data);
    let count: number | null = null;
    if (running) {
      await download(running, data, `${EXPORT_STREAM_PATH}${toSearch({ ...query, ids: query.ids?.join(',') })}`, file);
    } else {
      count = await offline(options, async (transfer) => (await transfer.exportToFile({ format, ...(query.ids ? { ids: query.ids } : { query: filters }) }, file)).count);
    }
    const size = fs.statSync(file).size;
    console.error(`exported ${count === null ? '' : `${count} deliveries `}as ${format.toUpperCase()} to ${file} (${size} bytes)`);
    const line = via(running);
    if (line) console.error(line);
    return 0;
  } catch (error) {
    return fail(error);
  }
}

function request(instance: RunningInstance, dataDir: string, method: string, pathAndQuery: string): http.ClientRequest {
  const token = readApiToken(dataDir);
  return http.request({
    host: '127.0.0.1',
    port: instance.apiPort,
    method,
    path: pathAndQuery,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function download(instance: RunningInstance, dataDir: string, pathAndQuery: string, file: string): Promise<void> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const call = request(instance, dataDir, 'GET', pathAndQuery);
    call.on('response', resolve).on('error', reject).end();
  });
  if (response.statusCode !== 200) throw await apiError(response);
  await pipeline(response, fs.createWriteStream(file, { mode: 0o600 }));
}

async function apiError(response: http.IncomingMessage): Promise<ApiError> {
  let text = '';
  for await (const chunk of response) text += String(chunk);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the status line says enough
  }
  return errorFromAnswer(response.statusCode ?? 500, response.statusMessage ?? '', body);
}

export async function importCommand(file: string, options: DataOptions & { format?: 'jsonl' | 'har' }): Promise<number> {
  try {
    if (!fs.existsSync(file)) throw new ConfigError(`${path.resolve(file)}: no such file`);
    const running = runningInstance(options.data);
    const result = running
      ? await upload(running, options.data, file, options.format)
      : await offline(options, (transfer) => transfer.importStream(fs.createReadStream(file), options.format), true);
    printImport(result, file);
    const line = via(running);
    if (line) console.error(line);
    return result.errorCount > 0 ? 1 : 0;
  } catch (error) {
    return fail(error);
  }
}

async function upload(instance: RunningInstance, dataDir: string, file: string, format?: 'jsonl' | 'har'): Promise<ImportResult> {
  const call = request(instance, dataDir, 'POST', `${IMPORT_UPLOAD_PATH}${toSearch({ format })}`);
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => call.on('response', resolve).on('error', reject));
  await pipeline(fs.createReadStream(file), call);
  const response = await answered;
  if (response.statusCode !== 200) throw await apiError(response);
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return JSON.parse(text) as ImportResult;
}

export function printImport(result: ImportResult, file: string): void {
  const verdicts = Object.entries(result.signatures)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  console.log(`imported ${result.imported} of ${result.read} deliveries from ${file} (${result.format})`);
  if (result.duplicates) console.log(`  ${result.duplicates} already stored here, left as they were`);
  if (verdicts) console.log(`  signatures with this store's secrets: ${verdicts}`);
  const sources = Object.entries(result.sources).map(([name, n]) => `${name} ${n}`).join(', ');
  if (sources) console.log(`  filed under: ${sources}`);
  for (const warning of result.warnings) console.log(paint('yellow', `  ${warning}`));
  for (const error of result.errors) console.error(paint('red', `  entry ${error.entry}: ${error.message}`, process.stderr));
  if (result.errorCount > result.errors.length) console.error(paint('red', `  … and ${result.errorCount - result.errors.length} more entries that could not be read`, process.stderr));
}

export async function fixtureCommand(ids: string[], options: DataOptions & { secret?: string }): Promise<number> {
  try {
    const request = parseOrThrow(FixtureRequestSchema, { ids, ...(options.secret ? { secret: options.secret } : {}) });
    const running = runningInstance(options.data);
    const result = running
      ? ((await callOverHttp(`http://127.0.0.1:${running.apiPort}`, 'saveFixture', [request], readApiToken(options.data) ?? undefined)) as FixtureResult)
      : await offline(options, async (transfer) => transfer.saveFixture(request));
    console.log(`saved ${ids.length === 1 ? 'a test fixture' : `${ids.length} test fixtures`} in ${result.dir}`);
    for (const name of result.files) console.log(paint('dim', `  ${name}`));
    console.log(`  ${result.usage}`);
    return 0;
  } catch (error) {
    return fail(error);
  }
}
