// Classic hex dump (offset, 16 bytes in two groups of 8, printable ASCII) for bodies that are not text.
// Output is plain text: the Raw tab shows it in a <pre>, never as HTML.

export const HEX_BYTES_PER_LINE = 16;

export function hexDumpLine(bytes: Uint8Array, offset: number): string {
  const slice = bytes.subarray(offset, offset + HEX_BYTES_PER_LINE);
  const hex: string[] = [];
  let ascii = '';
  for (let index = 0; index < HEX_BYTES_PER_LINE; index++) {
    const byte = slice[index];
    if (byte === undefined) {
      hex.push('  ');
    } else {
      hex.push(byte.toString(16).padStart(2, '0'));
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    if (index === 7) hex.push('');
  }
  return `${offset.toString(16).padStart(8, '0')}  ${hex.join(' ')}  |${ascii}|`;
}

/** The dump of at most `maxBytes` bytes; `truncated` says whether bytes were left out. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): { text: string; truncated: boolean } {
  const end = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let offset = 0; offset < end; offset += HEX_BYTES_PER_LINE) {
    lines.push(hexDumpLine(bytes.subarray(0, end), offset));
  }
  return { text: lines.join('\n'), truncated: bytes.length > end };
}

/** Decodes base64 without Buffer (the renderer has no Node). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
