// "Save as test fixture": writes deliveries as files a test suite loads directly, in a new folder under
// <data>/fixtures/: each body byte for byte (<name>.body), its header pairs as received (<name>.headers.json), an
// index (deliveries.json), the signer for their schemes (sign.mjs, fixture-helper.ts) and a README saying how.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FixtureResult, SourceConfig } from '../../../shared/domain.js';
import type { SchemeId } from '../../../shared/schemas.js';
import { ApiError, notFound } from '../../../shared/api-error.js';
import { PRIVATE_DIR_MODE } from '../config/private-files.js';
import { detectScheme } from '../signatures/index.js';
import type { Store } from '../store/store.js';
import { defaultTestSecret, helperScheme, helperSource, type HelperScheme } from './fixture-helper.js';

export function fixturesDir(dataDir: string): string {
  return path.join(dataDir, 'fixtures');
}

/** A file-name-safe slug of an event type ("message.received" stays; anything odd becomes "-"). */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 60) || 'delivery';
}

export function saveFixture(
  store: Store,
  sources: SourceConfig[],
  request: { ids: string[]; secret?: string },
  meta: { dataDir: string; version: string; now?: Date },
): FixtureResult {
  const records = [...new Set(request.ids)].sort().map((id) => {
    const record = store.getRecord(id);
    if (!record) throw notFound('delivery', id);
    return record;
  });
  const schemes: Record<string, HelperScheme> = {};
  const entries = records.map((record, index) => {
    const source = sources.find((candidate) => candidate.name === record.source);
    const generic = source?.generic ?? null;
    const scheme: SchemeId | null =
      record.signatureResult.scheme ?? (source && source.scheme !== 'auto' ? source.scheme : detectScheme(record.headers, generic));
    if (scheme && !schemes[scheme]) schemes[scheme] = helperScheme(scheme, generic);
    const name = `${String(index + 1).padStart(2, '0')}-${slug(record.eventType ?? record.method.toLowerCase())}`;
    return { record, name, scheme };
  });
  const stamp = (meta.now ?? new Date()).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const first = entries[0]!;
  const dir = path.join(fixturesDir(meta.dataDir), `${stamp}-${slug(first.record.eventType ?? 'deliveries')}-${randomBytes(2).toString('hex')}`);
  if (fs.existsSync(dir)) throw new ApiError(409, undefined, `${dir} exists already`);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const secret = request.secret ?? defaultTestSecret(Object.keys(schemes) as SchemeId[]);
  const files: string[] = [];
  const write = (name: string, content: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), content, { mode: 0o600 });
    files.push(name);
  };
  for (const { record, name } of entries) {
    write(`${name}.body`, record.body);
    write(`${name}.headers.json`, `${JSON.stringify(record.headers, null, 2)}\n`);
  }
  const index = entries.map(({ record, name, scheme }) => ({
    name,
    id: record.id,
    receivedAt: record.receivedAt,
    source: record.source,
    method: record.method,
    path: record.path,
    query: record.query,
    eventId: record.eventId,
    eventType: record.eventType,
    contentType: record.contentType,
    scheme,
    signature: record.signatureResult.status,
  }));
  write('deliveries.json', `${JSON.stringify(index, null, 2)}\n`);
  write('sign.mjs', helperSource({ version: meta.version, secret, schemes }));
  write(
    'README.md',
    `# Webhook fixtures from Hookscope\n\n${entries.length} deliveries, byte for byte: \`<name>.body\` is the raw body, ` +
      '`<name>.headers.json` the header pairs as received, `deliveries.json` what each is.\n\n' +
      '```js\nimport { DELIVERIES, signedRequest, TEST_SECRET } from \'./sign.mjs\';\n' +
      'const { method, path, headers, body } = signedRequest(DELIVERIES[0].name);\n```\n\n' +
      `\`signedRequest\` re-signs the body with \`TEST_SECRET\` (${JSON.stringify(secret)}) the way the sender does; ` +
      'configure your handler with that secret in its tests.\n',
  );
  return { dir, files, usage: `import { signedRequest } from '${path.join(dir, 'sign.mjs')}'` };
}
