// Holds the layers (test/support/layers.ts): nothing in the tree reaches up or sideways, 'electron' is imported in
// electron/desktop/ only, and the checker itself catches each kind of violation (so a passing run means something).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS, checkLayers, importsOf, layerOf, readSources } from '../../support/layers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('layers', () => {
  it('every source file belongs to a layer, and no import breaks a rule', () => {
    const sources = readSources(ROOT);
    expect(sources.length).toBeGreaterThan(100);
    const unplaced = sources.filter((source) => source.file.startsWith('electron/') && !layerOf(source.file));
    expect(unplaced.map((source) => source.file), 'files under electron/ outside every layer folder').toEqual([]);
    expect(checkLayers(sources)).toEqual([]);
  });

  it("imports 'electron' only in the desktop folder", () => {
    const importers = readSources(ROOT)
      .filter((source) => importsOf(source.text).includes('electron'))
      .map((source) => source.file);
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith('electron/desktop/'))).toEqual([]);
  });

  it('catches each kind of violation', () => {
    const bad = [
      { file: 'electron/engine/receiver/x.ts', text: "import { startHookscope } from '../../composition/start-hookscope.js';" },
      { file: 'electron/engine/store/y.ts', text: "import { app } from 'electron';" },
      { file: 'shared/z.ts', text: "export { ApiServer } from '../electron/transports/http/api-server.js';" },
      { file: 'renderer/src/a.tsx', text: "const cli = await import('../../electron/cli/cli.js');" },
      { file: 'renderer/src/b.ts', text: "import fs from 'node:fs';" },
      { file: 'electron/transports/c.ts', text: "import type { AppTray } from '../desktop/tray.js';" },
      { file: 'electron/cli/d.ts', text: "import { main } from '../desktop/main.js';" },
    ];
    expect(checkLayers(bad).map((violation) => violation.rule)).toEqual([
      'engine may not import composition',
      'engine may not import the package electron',
      'shared may not import transports',
      'renderer may not import cli',
      'renderer may not import the package node:fs',
      'transports may not import desktop',
      'cli may not import desktop',
    ]);
    const good = [
      { file: 'electron/desktop/main.ts', text: "import { app } from 'electron';\nimport { x } from '../engine/clock.js';" },
      { file: 'electron/transports/http/s.ts', text: "import type { Store } from '../../engine/store/store.js';" },
      { file: 'renderer/src/c.ts', text: "import { ROUTES } from '../../shared/routes.js';" },
    ];
    expect(checkLayers(good)).toEqual([]);
  });

  it('names a layer for every folder it lists, and each may import only layers that exist', () => {
    const names = new Set(LAYERS.map((layer) => layer.name));
    for (const layer of LAYERS) for (const target of layer.mayImport) expect(names.has(target), `${layer.name} → ${target}`).toBe(true);
  });
});
