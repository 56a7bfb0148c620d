// The local API asks for its token; the data folder is the user's alone; secrets leave the service hidden.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, request } from '../../../support/http.js';
import { startTestHookscope, tempDir } from '../../../support/hookscope-harness.js';
import { openEventStream } from '../../../support/event-stream.js';
import type { InspectorEvent } from '../../../../shared/domain.js';

const SECRET = 'whsec_token_test_secret_value';
let hs: Awaited<ReturnType<typeof startTestHookscope>>;

beforeAll(async () => {
  hs = await startTestHookscope({});
  await api(hs.apiPort!, 'PUT', '/api/sources', [
    { name: 'bb', path: '/', scheme: 'buzzbip', secrets: [SECRET, 'whsec_older_one'], forward: { url: null, secret: 'fwd-secret-1234' } },
  ]);
});
afterAll(async () => {
  await hs.cleanup();
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('API token', () => {
  it('answers 401 without the token, naming where the token is, on every API route', async () => {
    for (const [method, route] of [['GET', '/api/health'], ['GET', '/api/sources'], ['DELETE', '/api/deliveries'], ['GET', '/api/stream']]) {
      const res = await request(hs.apiPort!, { method: method!, path: route!, anonymous: true });
      expect(res.status, `${method} ${route}`).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="hookscope"');
      expect(res.json().error).toMatch(/api-token file in the data folder/);
    }
    const wrong = await request(hs.apiPort!, { path: '/api/health', headers: { Authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const right = await request(hs.apiPort!, { path: '/api/health', headers: { Authorization: `Bearer ${hs.apiToken}` } });
    expect(right.status).toBe(200);
  });

  it('trades the printed link for an HttpOnly, SameSite=Strict cookie and drops the token from the address', async () => {
    const link = await request(hs.apiPort!, { path: `/?token=${hs.apiToken}&view=1`, anonymous: true });
    expect(link.status).toBe(302);
    expect(link.headers.location).toBe('/?view=1');
    const cookie = link.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^hookscope_token_${hs.apiPort}=${hs.apiToken}; Path=/; HttpOnly; SameSite=Strict$`));
    const withCookie = await request(hs.apiPort!, { path: '/api/health', headers: { Cookie: cookie.split(';')[0]! }, anonymous: true });
    expect(withCookie.status).toBe(200);

    const wrongLink = await request(hs.apiPort!, { path: '/?token=guess', anonymous: true });
    expect(wrongLink.status).toBe(302);
    expect(wrongLink.headers['set-cookie']).toBeUndefined();
    // The page itself holds no data and opens without the token (it then says the API needs it).
    expect((await request(hs.apiPort!, { path: '/', anonymous: true })).status).toBe(200);
  });

  it('keeps the token in a 0600 api-token file, the same across restarts', async () => {
    const dataDir = tempDir();
    try {
      const first = await startTestHookscope({ dataDir });
      const token = first.apiToken;
      await first.close();
      const file = path.join(dataDir, 'api-token');
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(token);
      expect(mode(file)).toBe(0o600);
      const second = await startTestHookscope({ dataDir });
      expect(second.apiToken).toBe(token);
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('data at rest', () => {
  it('makes the data folder 0700 and the database, its -wal/-shm, config and token files 0600', async () => {
    expect(mode(hs.dataDir)).toBe(0o700);
    for (const name of ['hookscope.db', 'hookscope.db-wal', 'hookscope.db-shm', 'config.json', 'api-token', 'hookscope.lock']) {
      expect(mode(path.join(hs.dataDir, name)), name).toBe(0o600);
    }
  });

  it('tightens a folder an older version left readable by everyone', async () => {
    const dataDir = tempDir();
    try {
      const first = await startTestHookscope({ dataDir });
      await first.close();
      fs.chmodSync(dataDir, 0o755);
      for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o644);
      const second = await startTestHookscope({ dataDir });
      expect(mode(dataDir)).toBe(0o700);
      for (const name of fs.readdirSync(dataDir)) expect(mode(path.join(dataDir, name)), name).toBe(0o600);
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('secrets over the API', () => {
  it('sends signing and forward secrets hidden, in answers and on the stream, until revealed', async () => {
    const events: InspectorEvent[] = [];
    const stream = await openEventStream(hs.apiPort!, (event) => events.push(event));
    try {
      const listed = await request(hs.apiPort!, { path: '/api/sources' });
      expect(listed.text).not.toContain(SECRET);
      expect(listed.text).not.toContain('fwd-secret-1234');
      const [source] = listed.json();
      expect(source.secrets).toEqual([
        expect.stringMatching(/^hidden:[0-9a-f]{16}:whsec_…alue$/),
        expect.stringMatching(/^hidden:[0-9a-f]{16}:whsec_…/),
      ]);

      // Saved back as it came (a form that changed only the path): the secrets are kept.
      const saved = await request(hs.apiPort!, {
        method: 'PUT',
        path: '/api/sources',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([{ ...source, path: '/bb' }]),
      });
      expect(saved.status).toBe(200);
      expect(saved.text).not.toContain(SECRET);
      expect(hs.context.config.getStoredSources()[0]).toMatchObject({
        path: '/bb',
        secrets: [SECRET, 'whsec_older_one'],
        forward: { secret: 'fwd-secret-1234' },
      });
      await expect.poll(() => events.some((event) => event.type === 'sources')).toBe(true);
      expect(JSON.stringify(events)).not.toContain(SECRET);

      const revealed = (await api(hs.apiPort!, 'POST', '/api/sources/reveal')).body;
      expect(revealed[source.secrets[0]]).toBe(SECRET);
      expect(revealed[source.forward.secret]).toBe('fwd-secret-1234');

      // A mask that stands for no saved secret is refused, naming the field.
      const forged = { ...source, secrets: ['hidden:0000000000000000:…abcd'] };
      const refused = await api(hs.apiPort!, 'PUT', '/api/sources', [forged]);
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe('sources[0].secrets[0]');
    } finally {
      stream.close();
    }
  });
});
