// "Send a test event": a correctly signed sample of a catalog event type, POSTed through the real receiver so it is
// stored, verified and shown exactly like a platform delivery.
import http from 'node:http';
import type { SchemeId, SourceConfig, TestEventResult } from '../../shared/domain.js';
import { EVENT_TYPES, makeSampleEvent } from '../../shared/event-catalog.js';
import { ApiError } from '../../shared/api-error.js';
import { signPayload } from './signatures/index.js';

/** The scheme a test event is signed with: the source's own, or BuzzBip's when the source is `auto`. */
export function testEventScheme(source: SourceConfig): SchemeId {
  if (source.scheme !== 'auto') return source.scheme;
  return /vobiz/i.test(`${source.name} ${source.path}`) ? 'vobiz' : 'buzzbip';
}

export async function sendTestEvent(options: {
  type: string;
  source: SourceConfig;
  receiverPort: number;
}): Promise<TestEventResult> {
  const event = makeSampleEvent(options.type);
  if (!event) {
    throw new ApiError(400, 'type', `type: unknown event type "${options.type}"; one of ${EVENT_TYPES.join(', ')}`);
  }
  const body = Buffer.from(JSON.stringify(event));
  const scheme = testEventScheme(options.source);
  const secret = options.source.secrets[0];
  const signed = secret ? signPayload(scheme, secret, body, { generic: options.source.generic }) : [];
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Content-Length', String(body.length)],
    ['User-Agent', 'Hookscope-Test-Event/1'],
    ...signed,
  ];
  const path = options.source.path;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: options.receiverPort, method: 'POST', path, headers: Object.fromEntries(headers) },
      (response) => {
        response.resume();
        const id = response.headers['x-hookscope-delivery'];
        resolve({ deliveryId: typeof id === 'string' ? id : null, status: response.statusCode ?? 0 });
      },
    );
    request.on('error', (error) => reject(new ApiError(502, undefined, `the receiver did not answer: ${error.message}`)));
    request.end(body);
  });
}
