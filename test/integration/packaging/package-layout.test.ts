// The packaged desktop app, built here: electron-builder's Linux `dir` target with a stand-in Electron distribution
// (test/support/stand-in-electron.ts), then app.asar opened with @electron/asar. It checks what a user's install would
// hold: the main, services and preload bundles and the renderer; the SQLite addon unpacked where the bundles require
// it; the tray icons where app-layout.ts looks for them; nothing else heavy (no node_modules); the fuses flipped as
// electron-builder.yml says. The development layout (`npm start`) is checked through the same app-layout.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLayout } from '../../../electron/desktop/app-layout.js';
import { outsideAsar } from '../../../electron/engine/store/thread-entry.js';
import { makeStandInElectron } from '../../support/stand-in-electron.js';
import { tempDir } from '../../support/hookscope-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
const ON = 49; // '1'
const OFF = 48; // '0'

function ensureBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist/desktop/main.js')) && fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) return;
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
}

describe('development layout (npm start)', () => {
  beforeAll(ensureBuilt);

  it('finds every file the app opens, tray icons included, wherever Electron was started from', () => {
    const layout = appLayout({ mainDir: path.join(ROOT, 'dist/desktop'), packaged: false, resourcesPath: '/nonexistent', platform: 'linux' });
    const missing = layout.requiredFiles().filter((file) => !fs.existsSync(file));
    expect(missing).toEqual([]);
    expect(layout.trayIcon('online')).toBe(path.join(ROOT, 'build/icons/tray/online.png'));
    for (const platform of ['darwin', 'win32'] as const) {
      const other = appLayout({ mainDir: path.join(ROOT, 'dist/desktop'), packaged: false, resourcesPath: '/x', platform });
      expect(other.requiredFiles().filter((file) => !fs.existsSync(file)), platform).toEqual([]);
    }
    // `npm start` runs Electron on the project folder: package.json's main is the bundle app-layout.ts starts from.
    expect(path.resolve(ROOT, String(pkg.main))).toBe(path.join(ROOT, 'dist/desktop/main.js'));
  });
});

describe('packaged layout (electron-builder, Linux dir target, stand-in Electron)', () => {
  let out: string;
  let resources: string;
  let archive: string;
  let files: string[];

  beforeAll(() => {
    ensureBuilt();
    const work = tempDir('hookscope-pack-');
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
    const electronDist = makeStandInElectron(path.join(work, 'electron-dist'), electronVersion);
    out = path.join(work, 'release');
    const builder = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--linux', 'dir',
        '--publish', 'never',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${out}`,
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    expect(builder.status, builder.stdout + builder.stderr).toBe(0);
    resources = path.join(out, 'linux-unpacked', 'resources');
    archive = path.join(resources, 'app.asar');
    files = asar.listPackage(archive, { isPack: false }).map((file) => file.replace(/\\/g, '/').replace(/^\//, ''));
  }, 120_000);

  const inArchive = (file: string) => path.relative(archive, file).replace(/\\/g, '/');
  const exists = (file: string) =>
    file.startsWith(`${archive}${path.sep}`) ? files.includes(inArchive(file)) : fs.existsSync(file);

  it('ships only what runs: package.json, the desktop bundles and the renderer; no node_modules, no source maps', () => {
    const regular = files.filter((file) => {
      try {
        return !('files' in asar.statFile(archive, file));
      } catch {
        return false;
      }
    });
    const unexpected = regular.filter(
      (file) =>
        file !== 'package.json' &&
        !/^dist\/desktop\/(main|services-process|store-writer|store-check)\.js$/.test(file) &&
        file !== 'dist/desktop/preload.cjs' &&
        !/^dist\/desktop\/better-sqlite3-\w+\.node$/.test(file) &&
        !file.startsWith('dist/renderer/'),
    );
    expect(unexpected).toEqual([]);
    expect(files.some((file) => file.startsWith('node_modules'))).toBe(false);
    expect(files.some((file) => file.endsWith('.map'))).toBe(false);
    const packed = regular.filter((file) => !asar.statFile(archive, file).unpacked);
    const packedBytes = packed.reduce((sum, file) => sum + (asar.statFile(archive, file) as { size: number }).size, 0);
    // Nothing heavy: the bundles and the renderer are a few MB (the SQLite addon is unpacked, outside the archive).
    expect(packedBytes).toBeLessThan(6 * 1024 * 1024);
  });

  it('finds every file the app opens through app-layout.ts, in the archive or beside it', () => {
    const layout = appLayout({ mainDir: path.join(archive, 'dist', 'desktop'), packaged: true, resourcesPath: resources, platform: 'linux' });
    expect(layout.requiredFiles().filter((file) => !exists(file))).toEqual([]);
    expect(layout.trayIconDir).toBe(path.join(resources, 'tray'));
    // Electron starts package.json's main inside the archive.
    const packagedPkg = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as { main: string };
    expect(files).toContain(packagedPkg.main);
    expect(path.join(archive, packagedPkg.main)).toBe(path.join(path.dirname(layout.servicesEntry), 'main.js'));
  });

  it('unpacks the SQLite addon where the services process and its threads require it', () => {
    const addons = files.filter((file) => file.endsWith('.node'));
    expect(addons).toHaveLength(1);
    const addon = addons[0]!;
    expect(asar.statFile(archive, addon).unpacked).toBe(true);
    expect(fs.statSync(path.join(`${archive}.unpacked`, addon)).size).toBeGreaterThan(500_000);
    // A Node-API addon: one binary for any Electron (not tied to Electron's ABI like a V8 addon).
    expect(fs.readFileSync(path.join(`${archive}.unpacked`, addon)).includes('napi_register_module_v1')).toBe(true);
    for (const bundle of ['services-process', 'store-writer', 'store-check']) {
      const text = asar.extractFile(archive, `dist/desktop/${bundle}.js`).toString();
      expect(text, bundle).toContain(`"./${path.basename(addon)}"`);
    }
    // The store threads start from the unpacked twin of the archive (thread-entry.ts), with the addon beside them.
    for (const thread of ['store-writer', 'store-check']) {
      const entry = outsideAsar(pathToFileURL(path.join(archive, 'dist', 'desktop', `${thread}.js`)));
      expect(fileURLToPath(entry)).toBe(path.join(`${archive}.unpacked`, 'dist', 'desktop', `${thread}.js`));
      expect(fs.existsSync(fileURLToPath(entry)), thread).toBe(true);
      expect(fs.existsSync(path.join(path.dirname(fileURLToPath(entry)), path.basename(addon)))).toBe(true);
    }
    // main never opens SQLite.
    expect(asar.extractFile(archive, 'dist/desktop/main.js').toString()).not.toContain('.node"');
  });

  it('flips the fuses electron-builder.yml asks for on the packaged executable', async () => {
    const wire = (await getCurrentFuseWire(path.join(out, 'linux-unpacked', 'hookscope'))) as Record<number, number>;
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: OFF,
      nodeOptions: OFF,
      inspect: OFF,
      cookieEncryption: ON,
      asarIntegrity: ON,
      onlyFromAsar: ON,
      fileProtocolPrivileges: OFF,
    });
  });

  it('has the homepage and author the deb target requires, and macOS entitlements without library validation off', () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author).toBeTruthy();
    const entitlements = fs.readFileSync(path.join(ROOT, 'build/entitlements.mac.plist'), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements.replace(/<!--[\s\S]*?-->/g, '')).not.toContain('disable-library-validation');
    expect(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/entitlements: build\/entitlements\.mac\.plist/);
  });
});
