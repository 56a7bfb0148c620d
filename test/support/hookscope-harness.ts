// Starts a real Hookscope (receiver + API + SQLite file) on ephemeral ports in a temp folder, and cleans it up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { onTestFinished } from 'vitest';
import { rememberApiToken } from './http.js';
import { startHookscope, type Hookscope, type HookscopeOptions } from '../../electron/composition/start-hookscope.js';

export function tempDir(prefix = 'hookscope-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A temp folder removed when the current test finishes. */
export function testFolder(prefix?: string): string {
  const dir = tempDir(prefix);
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startTestHookscope(
  options: Partial<HookscopeOptions> = {},
): Promise<Hookscope & { cleanup(): Promise<void> }> {
  const dataDir = options.dataDir ?? tempDir();
  const hookscope = await startHookscope({ port: 0, apiPort: 0, ...options, dataDir });
  if (hookscope.apiPort !== null) rememberApiToken(hookscope.apiPort, hookscope.apiToken);
  return {
    ...hookscope,
    cleanup: async () => {
      await hookscope.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs exactly as BuzzBip's documented sample does: HMAC-SHA256 hex of the raw body. */
export function buzzbipSignature(body: Buffer | string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('hex');
}
