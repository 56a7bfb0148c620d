import { describe, expect, it } from 'vitest';
import { base64ToBytes, hexDump, hexDumpLine } from '../../../renderer/src/lib/hex-dump.js';

describe('hex dump', () => {
  it('formats a full line: offset, two groups of 8, printable ASCII', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x41, 0x42, 0x7e, 0x7f, 0x20, 0xff, 0x3c]);
    expect(hexDumpLine(bytes, 0)).toBe('00000000  89 50 4e 47 0d 0a 1a 0a  00 41 42 7e 7f 20 ff 3c  |.PNG.....AB~. .<|');
  });
  it('pads a short last line so the ASCII column lines up', () => {
    const bytes = new Uint8Array(18).map((_, index) => 0x61 + index);
    const { text, truncated } = hexDump(bytes);
    const lines = text.split('\n');
    expect(truncated).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`00000010  71 72${' '.repeat(3 * 14 + 1)}  |qr|`);
    expect(lines[1]!.indexOf('|')).toBe(lines[0]!.indexOf('|'));
  });
  it('truncates at the limit and says so', () => {
    const { text, truncated } = hexDump(new Uint8Array(100), 32);
    expect(text.split('\n')).toHaveLength(2);
    expect(truncated).toBe(true);
  });
  it('renders an empty body as nothing', () => {
    expect(hexDump(new Uint8Array(0))).toEqual({ text: '', truncated: false });
  });
  it('decodes base64 to the exact bytes', () => {
    const original = Buffer.from([0, 1, 2, 250, 255, 0x3c, 0x73]);
    expect(Array.from(base64ToBytes(original.toString('base64')))).toEqual(Array.from(original));
  });
  it('never lets markup through as anything but dots and text', () => {
    const bytes = new TextEncoder().encode('<img src=x onerror=alert(1)>');
    expect(hexDump(bytes).text).toContain('|<img src=x onerr|');
  });
});
