// A stand-in Electron distribution for electron-builder's Linux `dir` target, since no Electron binary can be
// downloaded here: the folder layout electron-builder copies (the `electron` executable, resources/, LICENSE,
// version), and in the executable the fuse wire a real Electron build carries (the sentinel, version 1, and the
// default state of each fuse as electron/electron's build/fuses/fuses.json5 lists them), so @electron/fuses flips
// it at pack time exactly as it would the real binary, and a test can read back what was set.
import fs from 'node:fs';
import path from 'node:path';

/** @electron/fuses' marker that precedes the wire. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults, in wire order: run_as_node … wasm_trap_handlers. */
const DEFAULT_FUSES = '101100011';

export function makeStandInElectron(dir: string, version: string): string {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_FUSES.length]), Buffer.from(DEFAULT_FUSES)]);
  const script = Buffer.from('#!/bin/sh\n# Stand-in for the Electron executable (test/support/stand-in-electron.ts).\nexit 0\n# ');
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, wire, Buffer.from('\n')]), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in Electron distribution for packaging tests.\n');
  fs.writeFileSync(path.join(dir, 'version'), version);
  return dir;
}
