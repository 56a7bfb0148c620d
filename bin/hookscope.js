#!/usr/bin/env node
// The `hookscope` command: runs the bundled CLI, or says how to build it when this is a source checkout.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (!fs.existsSync(fileURLToPath(cli))) {
  console.error('hookscope: dist/main/cli.js is missing; build it first with `npm run build` in the Hookscope folder.');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv);
