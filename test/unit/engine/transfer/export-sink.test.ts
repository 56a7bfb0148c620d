// The export's sink over a stream: it waits when the stream is full and leaves no listener behind (a long export
// waits thousands of times; events.once() left a 'close' and an 'error' listener per wait).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamSink } from '../../../../electron/engine/transfer/export-deliveries.js';
import { csvCell } from '../../../../electron/engine/transfer/export-formats.js';
import { readHarEntry, readJsonLine, sniffFormat } from '../../../../electron/engine/transfer/read-deliveries.js';

describe('export sink', () => {
  it('waits for drain without piling up listeners', async () => {
    const written: string[] = [];
    const slow = new Writable({
      highWaterMark: 8,
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        setImmediate(done);
      },
    });
    const before = { close: slow.listenerCount('close'), error: slow.listenerCount('error'), drain: slow.listenerCount('drain') };
    const sink = streamSink(slow);
    for (let i = 0; i < 200; i += 1) await sink.write(`chunk ${i} is longer than the buffer\n`);
    expect(written).toHaveLength(200);
    expect({ close: slow.listenerCount('close'), error: slow.listenerCount('error'), drain: slow.listenerCount('drain') }).toEqual(before);
  });

  it('stops with a reason once the reader went away', async () => {
    const gone = new Writable({ write: (_chunk, _encoding, done) => done() });
    gone.destroy();
    await expect(streamSink(gone).write('x')).rejects.toThrow(/cancelled/);
  });
});

describe('transfer formats', () => {
  it('defuses spreadsheet formulas and quotes per RFC 4180', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
  });

  it('tells HAR from JSON Lines, and reads a HAR URL path and query as written', () => {
    expect(sniffFormat('\uFEFF  {"log": {"version":"1.2"')).toBe('har');
    expect(sniffFormat('{"v":1,"id":"x"}\n')).toBe('jsonl');
    const entry = readHarEntry({
      startedDateTime: '2026-12-01T10:00:00.000Z',
      request: { method: 'post', url: 'https://abc.loca.lt/buzzbip/%7Bx%7D?a=1&a=2', headers: [{ name: ':authority', value: 'abc' }, { name: 'X-A', value: '1' }], postData: { mimeType: 'text/plain', text: 'hi' } },
    });
    expect(entry).toMatchObject({ method: 'POST', path: '/buzzbip/%7Bx%7D', query: 'a=1&a=2', headers: [['X-A', '1']] });
    expect(typeof entry !== 'string' && entry.body.toString()).toBe('hi');
  });

  it('names the field of a line it cannot use', () => {
    expect(readJsonLine('{"receivedAt":"2026-12-01T00:00:00Z","method":"POST","path":"nope","headers":[],"bodyBase64":""}')).toBe('path: must start with "/"');
    expect(readJsonLine('[1,2')).toMatch(/^not valid JSON/);
  });
});
