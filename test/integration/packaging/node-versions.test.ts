// What the README says about Node versions is what package-lock.json says: the lowest Node it names for the tests
// and headless mode satisfies every runtime dependency, and the packages it lists as warning on that Node are
// exactly the ones whose declared engines leave it out (all dev dependencies, none loaded by what runs there).
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>;
};
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };

/** The Node the README's quick start names ("Node 20.19 or newer"). */
const floor = /Node (\d+\.\d+) or newer runs everything here/.exec(readme)?.[1];

function refusing(version: string) {
  return Object.entries(lock.packages).flatMap(([where, entry]) => {
    const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
    return where && range && !semver.satisfies(version, range) ? [{ name: where.replace(/^.*node_modules\//, ''), dev: entry.dev === true }] : [];
  });
}

describe('Node versions, as the README says them', () => {
  it('names the same floor as package.json engines', () => {
    expect(floor).toBeDefined();
    expect(semver.minVersion(packageJson.engines.node)?.version).toBe(`${floor}.0`);
  });

  it('every package that warns on that Node is a dev dependency the README lists', () => {
    const warn = refusing(`${floor}.0`);
    expect(warn.length).toBeGreaterThan(0);
    const section = readme.slice(readme.indexOf('### Which Node for what'), readme.indexOf('**What has and has not run here.**'));
    for (const entry of warn) {
      expect(entry.dev, `${entry.name} is a runtime dependency that refuses Node ${floor}`).toBe(true);
      expect(section, `${entry.name} warns on Node ${floor} but the README does not say so`).toContain(`\`${entry.name}\``);
    }
    // And the README lists no package that does not warn.
    const listed = /warns \(`EBADENGINE`\) about exactly these packages,([\s\S]*?)The warnings are harmless/.exec(section)?.[1] ?? '';
    const names = [...listed.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    expect(new Set(names)).toEqual(new Set(warn.map((entry) => entry.name)));
  });

  it('the Node running these tests is one the README promises', () => {
    expect(semver.gte(process.versions.node, `${floor}.0`)).toBe(true);
  });
});
