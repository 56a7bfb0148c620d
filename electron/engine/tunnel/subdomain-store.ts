// Owns <dataDir>/tunnel.json: the subdomain generated once per installation, so the public URL the developer pasted
// into BuzzBip/Vobiz is the same after every restart.
import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { SUBDOMAIN_PATTERN, SUBDOMAIN_RULE } from '../../../shared/schemas.js';

export const TUNNEL_FILE = 'tunnel.json';

// The rule lives in the shared schemas, so the settings form, the API and the CLI judge a name the same way.
export { SUBDOMAIN_PATTERN, SUBDOMAIN_RULE };

const TunnelFileSchema = z.object({ subdomain: z.string().regex(SUBDOMAIN_PATTERN) });

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function isValidSubdomain(value: string): boolean {
  return SUBDOMAIN_PATTERN.test(value);
}

/** "hookscope-" and 10 random characters: about 52 bits, so two installations do not fight over a name. */
export function generateSubdomain(): string {
  let suffix = '';
  for (let index = 0; index < 10; index += 1) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `hookscope-${suffix}`;
}

/**
 * The installation's subdomain: read from tunnel.json, or generated and saved there on first use. A file that
 * cannot be read as one is replaced (the name in it could not have been used anyway); `warn` says so.
 */
export function loadOrCreateSubdomain(dataDir: string, warn: (message: string) => void = () => {}): string {
  const file = path.join(dataDir, TUNNEL_FILE);
  let text: string | null = null;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    try {
      return TunnelFileSchema.parse(JSON.parse(text)).subdomain;
    } catch {
      warn(`${file} does not hold a valid subdomain; generating a new one`);
    }
  }
  const subdomain = generateSubdomain();
  fs.mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ subdomain }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return subdomain;
}
