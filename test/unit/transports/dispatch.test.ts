// The route table and the one door: every contract method has a route and an IPC channel, the whole surface is
// snapshotted for review, and bad arguments never reach the service.
import { describe, expect, it } from 'vitest';
import { INSPECTOR_METHODS, type InspectorApi } from '../../../shared/contract.js';
import { EVENT_CHANNEL, INSPECTOR_CHANNELS, channelFor } from '../../../electron/transports/ipc/channels.js';
import { dispatch } from '../../../electron/transports/dispatch.js';
import { ApiError } from '../../../shared/api-error.js';
import { ROUTE_TABLE, ROUTES } from '../../../shared/routes.js';

const ID = '01JBZ8Q5M3V7XW2K9T4N6R8P0A';

/** An InspectorApi that records what reached it, so a test can tell "refused" from "called". */
function recordingApi(answer: (method: string, args: unknown[]) => unknown = () => 'ok') {
  const calls: { method: string; args: unknown[] }[] = [];
  const api = { subscribe: () => () => undefined } as unknown as InspectorApi;
  for (const method of INSPECTOR_METHODS) {
    (api as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      calls.push({ method, args });
      return answer(method, args);
    };
  }
  return { api, calls };
}

describe('route table and door', () => {
  it('has a route for exactly the contract methods', () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...INSPECTOR_METHODS].sort());
  });

  it('serves this HTTP surface (a change here is a change to the API: review it)', () => {
    const surface = INSPECTOR_METHODS.map((method) => {
      const route = ROUTE_TABLE[method];
      const args = route.args.map((arg) => `${arg.name}@${arg.http.in === 'path' ? `:${arg.http.param}` : arg.http.in === 'body-field' ? `body.${arg.http.field}` : arg.http.in}`);
      return `${method}: ${route.method} ${route.path} (${args.join(', ')})`;
    });
    expect(surface).toMatchInlineSnapshot(`
      [
        "health: GET /api/health ()",
        "listDeliveries: GET /api/deliveries (query@query)",
        "getDelivery: GET /api/deliveries/:id (id@:id)",
        "deleteDelivery: DELETE /api/deliveries/:id (id@:id)",
        "deleteAllDeliveries: DELETE /api/deliveries ()",
        "deleteDeliveries: POST /api/deliveries/delete (request@body)",
        "undoDelete: POST /api/deliveries/undo-delete (token@body.token)",
        "startFreshStore: POST /api/store/fresh ()",
        "reverify: POST /api/deliveries/reverify (request@body)",
        "fixSignature: POST /api/deliveries/:id/signature-fix (id@:id, fix@body)",
        "getEvent: GET /api/events/:eventId (eventId@:eventId, query@query)",
        "getSources: GET /api/sources ()",
        "putSources: PUT /api/sources (sources@body)",
        "revealSecrets: POST /api/sources/reveal ()",
        "getSourceReport: GET /api/sources/:name/report (name@:name)",
        "getSettings: GET /api/settings ()",
        "putSettings: PUT /api/settings (settings@body)",
        "setPaused: POST /api/paused (paused@body.paused)",
        "sendTestEvent: POST /api/test-events (request@body)",
        "forward: POST /api/deliveries/:id/forward (id@:id, request@body)",
        "forwardMany: POST /api/forward (request@body)",
        "curl: POST /api/deliveries/:id/curl (id@:id, request@body)",
        "getTunnel: GET /api/tunnel ()",
        "exportDeliveries: POST /api/exports (request@body)",
        "importDeliveries: POST /api/import/text (request@body)",
        "saveFixture: POST /api/fixtures (request@body)",
      ]
    `);
  });

  it('names the field of a 400 as each door sees its arguments', async () => {
    const { api, calls } = recordingApi();
    expect(await dispatch(api, 'listDeliveries', [{ limit: 0 }], 'ipc')).toMatchObject({ ok: false, error: { field: 'query.limit' } });
    expect(await dispatch(api, 'listDeliveries', [{ limit: '0' }], 'http')).toMatchObject({ ok: false, error: { field: 'limit' } });
    expect(await dispatch(api, 'forward', [ID, { url: 'ftp://x' }], 'http')).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(await dispatch(api, 'putSettings', [{ maxBodyBytes: 1 }], 'http')).toMatchObject({ ok: false, error: { field: 'settings.maxBodyBytes' } });
    expect(calls).toEqual([]);
  });

  it('exposes this channel list (a change here is a change to the IPC surface: review it)', () => {
    expect([...INSPECTOR_CHANNELS, EVENT_CHANNEL]).toMatchInlineSnapshot(`
      [
        "inspector.health",
        "inspector.listDeliveries",
        "inspector.getDelivery",
        "inspector.deleteDelivery",
        "inspector.deleteAllDeliveries",
        "inspector.deleteDeliveries",
        "inspector.undoDelete",
        "inspector.startFreshStore",
        "inspector.reverify",
        "inspector.fixSignature",
        "inspector.getEvent",
        "inspector.getSources",
        "inspector.putSources",
        "inspector.revealSecrets",
        "inspector.getSourceReport",
        "inspector.getSettings",
        "inspector.putSettings",
        "inspector.setPaused",
        "inspector.sendTestEvent",
        "inspector.forward",
        "inspector.forwardMany",
        "inspector.curl",
        "inspector.getTunnel",
        "inspector.exportDeliveries",
        "inspector.importDeliveries",
        "inspector.saveFixture",
        "inspector.event",
      ]
    `);
  });

  it('passes valid arguments through, with schema defaults applied', async () => {
    const { api, calls } = recordingApi();
    expect(await dispatch(api, 'listDeliveries', [{ q: 'message.sent' }])).toEqual({ ok: true, value: 'ok' });
    expect(await dispatch(api, 'forward', [ID, { url: 'http://localhost:3000/hooks' }])).toEqual({ ok: true, value: 'ok' });
    expect(await dispatch(api, 'setPaused', [true])).toEqual({ ok: true, value: 'ok' });
    expect(await dispatch(api, 'health', [])).toEqual({ ok: true, value: 'ok' });
    expect(calls).toEqual([
      { method: 'listDeliveries', args: [{ q: 'message.sent', limit: 50 }] },
      { method: 'forward', args: [ID, { url: 'http://localhost:3000/hooks' }] },
      { method: 'setPaused', args: [true] },
      { method: 'health', args: [] },
    ]);
    expect(channelFor('forward')).toBe('inspector.forward');
  });

  const refused: [string, unknown, unknown, string][] = [
    ['a malformed id', 'getDelivery', ['../../etc/passwd'], 'id'],
    ['a missing argument', 'getDelivery', [], '(arguments)'],
    ['an extra argument', 'health', [1], '(arguments)'],
    ['arguments that are not a list', 'setPaused', { paused: true }, '(arguments)'],
    ['a non-boolean pause', 'setPaused', ['yes'], 'paused'],
    ['an unknown query field', 'listDeliveries', [{ limit: 10, sql: 'DROP TABLE deliveries' }], 'query'],
    ['an out-of-range limit', 'listDeliveries', [{ limit: 100_000 }], 'query.limit'],
    ['a non-http forward URL', 'forward', [ID, { url: 'file:///etc/passwd' }], 'request.url'],
    ['an invalid header name', 'forward', [ID, { headers: [['bad header', 'x']] }], 'request.headers[0][0]'],
    ['duplicate source names', 'putSources', [[{ name: 'a', path: '/a' }, { name: 'a', path: '/b' }]], 'sources[1].name'],
    ['no sources', 'putSources', [[]], 'sources'],
    ['a tiny body limit', 'putSettings', [{ maxBodyBytes: 1 }], 'settings.maxBodyBytes'],
  ];
  it.each(refused)('refuses %s with a 400 naming the field', async (_label, method, args, field) => {
    const { api, calls } = recordingApi();
    const result = await dispatch(api, method, args);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.status).toBe(400);
    expect(result.error.field).toBe(field);
    expect(result.error.error).toMatch(/\S/);
    expect(calls).toEqual([]);
  });

  it.each(['subscribe', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null])(
    'refuses %s, which is not a contract method, with a 404',
    async (method) => {
      const { api, calls } = recordingApi();
      const result = await dispatch(api, method, []);
      expect(result).toMatchObject({ ok: false, error: { status: 404 } });
      expect(calls).toEqual([]);
    },
  );

  it('keeps the status of an ApiError thrown by the service and hides nothing else', async () => {
    const { api } = recordingApi((method) => {
      if (method === 'getDelivery') throw new ApiError(404, undefined, `no delivery with id ${ID}`);
      throw new Error('disk full');
    });
    expect(await dispatch(api, 'getDelivery', [ID])).toEqual({
      ok: false,
      error: { status: 404, error: `no delivery with id ${ID}` },
    });
    expect(await dispatch(api, 'getSources', [])).toEqual({ ok: false, error: { status: 500, error: 'disk full' } });
  });
});
