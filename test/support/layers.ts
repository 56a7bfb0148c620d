// The layering rules of the tree, as data, and a checker that reads every import of every source file. Data flows
// one way (receiver → store → events → transports → UI); each folder may import only the layers below it:
//
//   shared/                  the contract, route table, domain types, schemas: imports nothing of ours but shared/
//   renderer/                the inspector UI: shared/ only (it reaches the services through InspectorApi)
//   electron/engine/         receiver, store, signatures, tunnel, forwarder: shared/ and itself
//   electron/transports/     HTTP + SSE, the IPC relay and the door: the engine and shared/
//   electron/composition/    starts one Hookscope: engine, transports, shared/
//   electron/cli/            the `hookscope` command: composition, engine, shared/
//   electron/desktop/        the Electron shell: everything on the Node side; the only folder that imports 'electron'
import fs from 'node:fs';
import path from 'node:path';

export interface Layer {
  name: string;
  /** Folder (relative to the repo root, '/' separated) whose files belong to this layer. */
  folder: string;
  /** Layers this one may import (itself always). */
  mayImport: string[];
  /** Bare package names this layer may not import (e.g. 'electron', or node: built-ins in the browser). */
  forbiddenPackages?: RegExp;
}

export const LAYERS: Layer[] = [
  { name: 'shared', folder: 'shared', mayImport: [], forbiddenPackages: /^(electron|node:.*|better-sqlite3)$/ },
  { name: 'renderer', folder: 'renderer', mayImport: ['shared'], forbiddenPackages: /^(electron|node:.*|better-sqlite3)$/ },
  { name: 'engine', folder: 'electron/engine', mayImport: ['shared'], forbiddenPackages: /^electron$/ },
  { name: 'transports', folder: 'electron/transports', mayImport: ['engine', 'shared'], forbiddenPackages: /^electron$/ },
  { name: 'composition', folder: 'electron/composition', mayImport: ['transports', 'engine', 'shared'], forbiddenPackages: /^electron$/ },
  { name: 'cli', folder: 'electron/cli', mayImport: ['composition', 'transports', 'engine', 'shared'], forbiddenPackages: /^electron$/ },
  { name: 'desktop', folder: 'electron/desktop', mayImport: ['composition', 'transports', 'engine', 'shared'] },
];

export interface SourceFile {
  /** Repo-relative path with '/' separators. */
  file: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const IMPORT_PATTERNS = [
  /^\s*import\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
  /^\s*export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

export function layerOf(file: string): Layer | undefined {
  return LAYERS.find((layer) => file === layer.folder || file.startsWith(`${layer.folder}/`));
}

/** Every import that breaks a rule: a layer reaching up or sideways, a forbidden package, or 'electron' outside desktop/. */
export function checkLayers(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const { file, text } of files) {
    const from = layerOf(file);
    if (!from) continue;
    for (const specifier of importsOf(text)) {
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const to = layerOf(target);
        if (!to && target === 'package.json') continue; // the version number, read by the composition root
        if (!to) {
          violations.push({ file, specifier, rule: `${from.name} imports ${target}, which belongs to no layer` });
        } else if (to !== from && !from.mayImport.includes(to.name)) {
          violations.push({ file, specifier, rule: `${from.name} may not import ${to.name}` });
        }
      } else if (from.forbiddenPackages?.test(specifier)) {
        violations.push({ file, specifier, rule: `${from.name} may not import the package ${specifier}` });
      }
    }
  }
  return violations;
}

/** The project's own sources under the layered folders. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) files.push({ file: relative, text: fs.readFileSync(path.join(root, relative), 'utf8') });
    }
  };
  for (const folder of ['shared', 'renderer', 'electron']) walk(folder);
  return files;
}
