// Renders a prepared forward as a POSIX-shell `curl` command that sends the same request line, headers and body
// bytes. Text bodies travel in a quoted here-doc (readable, editable); anything else — NUL, control characters,
// invalid UTF-8 — as octal escapes in a single-quoted printf format, which every POSIX shell passes on unchanged.
import { decodeUtf8 } from '../receiver/envelope.js';
import type { OutgoingRequest } from './send.js';

/** Headers curl adds by itself; suppressed (`-H 'Name:'`) when the forward does not carry them. */
const CURL_DEFAULTS = ['Accept', 'User-Agent', 'Content-Type', 'Expect'];
const SAFE_HEADER = /^[\x20-\x7e]*$/;
const HEREDOC_SAFE = /^[^\0-\x09\x0b-\x1f\x7f]*$/;

export interface CurlOptions {
  /** Adds --insecure for https targets with self-signed certificates. */
  insecure?: boolean;
}

/** Single-quotes a string for sh; only for text the terminal shows as typed (printable ASCII). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A printf format that prints exactly these bytes: escapes make it single-quote safe and ASCII-only. */
export function printfFormat(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x25) out += '%%';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x27 || byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `'${out}'`;
}

function headerArgument(name: string, value: string): string {
  // `-H 'Name:'` would remove the header; `Name;` is curl's spelling of "send it empty".
  const line = value === '' ? `${name};` : `${name}: ${value}`;
  if (SAFE_HEADER.test(line)) return `-H ${shellQuote(line)}`;
  // Received header values are Latin-1 strings (one char per byte); printf restores those bytes exactly.
  return `-H "$(printf ${printfFormat(Buffer.from(line, 'latin1'))})"`;
}

/** The decoder drops a byte-order mark, so such bodies take the printf route to keep it. */
function hasBom(body: Buffer): boolean {
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
}

function heredocDelimiter(text: string): string {
  const lines = new Set(text.split('\n'));
  let delimiter = 'HOOKSCOPE_BODY';
  for (let n = 2; lines.has(delimiter); n += 1) delimiter = `HOOKSCOPE_BODY_${n}`;
  return delimiter;
}

export function toCurl(request: OutgoingRequest, options: CurlOptions = {}): string {
  const present = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const args = ['curl --http1.1 --globoff --path-as-is --silent --show-error --include'];
  args.push(request.method === 'HEAD' ? '--head' : `--request ${shellQuote(request.method)}`);
  args.push(`--url ${shellQuote(request.url.href)}`);
  if (options.insecure && request.url.protocol === 'https:') args.push('--insecure');
  for (const [name, value] of request.headers) args.push(headerArgument(name, value));
  for (const name of CURL_DEFAULTS) if (!present.has(name.toLowerCase())) args.push(`-H ${shellQuote(`${name}:`)}`);

  const body = request.body;
  if (body.length === 0) return args.join(' \\\n  ');
  args.push('--data-binary @-');
  const text = hasBom(body) ? null : decodeUtf8(body);
  if (text !== null && HEREDOC_SAFE.test(text)) {
    const delimiter = heredocDelimiter(text);
    // A here-doc always ends in a newline; head -c keeps exactly the body's bytes.
    const heredoc = text.endsWith('\n') ? text : `${text}\n`;
    return `head -c ${body.length} <<'${delimiter}' | ${args.join(' \\\n  ')}\n${heredoc}${delimiter}`;
  }
  return `printf ${printfFormat(body)} | ${args.join(' \\\n  ')}`;
}
