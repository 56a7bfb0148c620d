// "Copy as cURL" run for real: the system curl, through sh (dash) and bash, must put the same request on the wire as
// the forward itself does — method, path, every header with its case, and the body byte for byte.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForwardRequest } from '../../../../electron/engine/forwarder/forward-request.js';
import { printfFormat, shellQuote, toCurl } from '../../../../electron/engine/forwarder/curl.js';
import { send } from '../../../../electron/engine/forwarder/send.js';
import { startTarget, type ArrivedRequest, type ForwardTarget } from '../../../support/forward-target.js';

const run = promisify(execFile);
const ID = '01JZ0000000000000000000000';

const BODIES: Record<string, Buffer> = {
  'pretty JSON, non-ASCII, trailing newline': Buffer.from('{\n  "text": "¡Olá! 你好 👋",\n  "n": 1\n}\n'),
  'compact JSON without trailing newline': Buffer.from('{"id":"evt_1","type":"message.received"}'),
  'shell metacharacters': Buffer.from(`it's $(touch /tmp/pwned) \`id\` "q" \\ %s %% $HOME !! \n'; rm -rf / #`),
  'a line equal to the here-doc delimiter': Buffer.from('before\nHOOKSCOPE_BODY\nafter'),
  'binary with NUL and invalid UTF-8': Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x0a, 0x0d, 0x25, 0x5c, 0x27, 0x80, 0x00]),
  'CRLF and tabs': Buffer.from('a\tb\r\nc\r\n'),
  'UTF-8 byte-order mark': Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  'many newlines only': Buffer.from('\n\n\n'),
};

const HEADERS: [string, string][] = [
  ['User-Agent', 'BuzzBip-Webhooks/1.0'],
  ['Content-Type', 'application/json; charset=utf-8'],
  ['X-BuzzBip-Signature', '3f1c0a'],
  ['x-lower-case', "it's a 'quoted' $(touch /tmp/pwned) `id` \"x\""],
  ['X-Latin1', 'caf\u00e9 \u00ff'],
  ['X-Tab', 'a\tb'],
  ['X-Empty', ''],
  ['x-custom', 'first'],
  ['X-Custom', 'second'],
];

let target: ForwardTarget;
let scratch: string;
beforeAll(async () => {
  target = await startTarget();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-curl-'));
});
afterAll(async () => {
  await target.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** What matters on the wire; Connection is the transport's own business (send() closes, curl keeps alive). */
function essence(request: ArrivedRequest) {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers.filter(([name]) => name.toLowerCase() !== 'connection'),
    body: request.body.toString('hex'),
  };
}

describe('copy as cURL', () => {
  for (const shell of ['sh', 'bash']) {
    for (const [label, body] of Object.entries(BODIES)) {
      it(`${shell}: ${label}`, async () => {
        const built = buildForwardRequest({
          deliveryId: ID,
          method: 'POST',
          headers: HEADERS,
          body,
          target: `${target.url}/webhooks/buzzbip?from=curl&x=[1]`,
        });
        const command = toCurl(built);
        const before = target.requests.length;
        await send(built);
        // cwd is a scratch folder so a broken quoting that ran `touch` would leave a trace we check for.
        await run(shell, ['-c', command], { cwd: scratch });
        const [viaSend, viaCurl] = target.requests.slice(before);
        expect(viaCurl).toBeDefined();
        expect(essence(viaCurl!)).toEqual(essence(viaSend!));
        expect(fs.existsSync('/tmp/pwned')).toBe(false);
        expect(fs.readdirSync(scratch)).toEqual([]);
      });
    }
  }

  it('reproduces a GET without a body and a method curl would not pick itself', async () => {
    for (const method of ['GET', 'DELETE', 'PATCH']) {
      const built = buildForwardRequest({ deliveryId: ID, method, headers: [['Accept', '*/*']], body: Buffer.alloc(0), target: `${target.url}/m` });
      const before = target.requests.length;
      await send(built);
      await run('sh', ['-c', toCurl(built)]);
      const [viaSend, viaCurl] = target.requests.slice(before);
      expect(essence(viaCurl!)).toEqual(essence(viaSend!));
    }
  });

  it('uses a readable here-doc for text and octal escapes for binary', () => {
    const text = buildForwardRequest({ deliveryId: ID, method: 'POST', headers: [], body: Buffer.from('{\n  "a": 1\n}'), target: 'http://127.0.0.1:3000/' });
    expect(toCurl(text)).toContain(`head -c 12 <<'HOOKSCOPE_BODY' | curl`);
    expect(toCurl(text)).toContain('\n{\n  "a": 1\n}\nHOOKSCOPE_BODY');
    const binary = buildForwardRequest({ deliveryId: ID, method: 'POST', headers: [], body: Buffer.from([0, 0x27, 0x41]), target: 'http://127.0.0.1:3000/' });
    expect(toCurl(binary)).toMatch(/^printf '\\000\\047A' \| curl /);
  });

  it('quotes for the shell', () => {
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
    expect(printfFormat(Buffer.from(`%\\'\n\x7f`))).toBe(`'%%\\\\\\047\\n\\177'`);
  });
});
