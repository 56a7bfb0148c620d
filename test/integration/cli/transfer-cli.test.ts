// `hookscope export`, `import`, `fixture`, `replay --file` and `listen --json` as a user runs them: child processes
// of the CLI from source, a real data folder, real loopback servers; with and without a running instance.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../../support/http.js';
import { buzzbipSignature, startTestHookscope, testFolder } from '../../support/hookscope-harness.js';
import { spawnListen } from '../../support/cli-process.js';
import { header, startTarget, verifyBuzzBip } from '../../support/forward-target.js';

const SECRET = 'bb_cli_secret';

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = path.resolve('electron/cli/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A data folder with BuzzBip deliveries in it, and no instance running on it. */
async function filledFolder(count: number): Promise<string> {
  const dataDir = testFolder();
  const hookscope = await startTestHookscope({ dataDir });
  await hookscope.service.putSources([{ ...(await hookscope.service.getSources())[0]!, name: 'bb', path: '/', scheme: 'buzzbip', secrets: [SECRET] }]);
  for (let i = 0; i < count; i += 1) {
    const body = JSON.stringify({ id: `evt_${i}`, type: i === 1 ? 'contact.updated' : 'message.received', createdAt: '2026-12-01T00:00:00Z', data: { i } });
    await request(hookscope.receiverPort, { method: 'POST', path: '/hook', headers: { 'X-BuzzBip-Signature': buzzbipSignature(body, SECRET) }, body });
  }
  await hookscope.close();
  return dataDir;
}

describe('hookscope export / import / replay --file', () => {
  it('exports without a running instance, imports into another folder, and replays the file as a regression test', async () => {
    const dataDir = await filledFolder(3);
    const file = path.join(testFolder(), 'deliveries.jsonl');
    const exported = await runCli(['export', '--format', 'jsonl', '--out', file, '--data', dataDir]);
    expect(exported.stderr).toContain(`exported 3 deliveries as JSONL to ${file}`);
    expect(exported.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);

    const other = testFolder();
    const imported = await runCli(['import', file, '--data', other]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported 3 of 3 deliveries from ${file} (jsonl)`);
    // No secret in that folder: each is judged again there.
    expect(imported.stdout).toContain("signatures with this store's secrets: 3 no-secret");

    // The handler answers 500 to contact.updated: replay says so and exits 1.
    const target = await startTarget((arrived, res) => {
      const type = JSON.parse(arrived.body.toString()).type;
      res.writeHead(type === 'contact.updated' ? 500 : 200).end(type === 'contact.updated' ? 'boom' : 'ok');
    });
    try {
      const replayed = await runCli(['replay', '--file', file, '--to', `${target.url}/webhooks`, '--secret', 'dev_secret']);
      expect(replayed.code).toBe(1);
      expect(replayed.stdout).toMatch(/^ {3}1 {2}200 {2}POST \/hook \(re-signed buzzbip\)/m);
      expect(replayed.stdout).toMatch(/^ {3}2 {2}500 .*boom/m);
      expect(replayed.stdout).toContain('3 sent, 2 answered 2xx, 1 not');
      expect(target.requests.map((arrived) => JSON.parse(arrived.body.toString()).data.i)).toEqual([0, 1, 2]);
      expect(target.requests.every((arrived) => arrived.url === '/webhooks')).toBe(true);
      expect(verifyBuzzBip(target.requests[0]!.body, header(target.requests[0]!, 'X-BuzzBip-Signature'), 'dev_secret')).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('says what is wrong, with exit code 2', async () => {
    const missing = await runCli(['export', '--format', 'csv', '--out', '/tmp/x.csv', '--data', path.join(testFolder(), 'nothing-here')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no Hookscope database in/);
    const dataDir = await filledFolder(1);
    const badFilter = await runCli(['export', '--format', 'csv', '--out', path.join(testFolder(), 'x.csv'), '--data', dataDir, '--signature', 'maybe']);
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toMatch(/signature: /);
    const noTarget = await runCli(['replay', '--file', 'x.jsonl']);
    expect(noTarget.stderr).toMatch(/--file needs --to/);
    const garbage = path.join(testFolder(), 'garbage.jsonl');
    fs.writeFileSync(garbage, 'not json\n');
    const unreadable = await runCli(['import', garbage, '--data', testFolder()]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/entry 1: not valid JSON/);
  });

  it('goes through a running instance: listen --json prints JSON only on stdout, export and fixture use its API', async () => {
    const dataDir = testFolder();
    const listen = await spawnListen(dataDir, ['--json']);
    const body = '{"id":"evt_json","type":"message.received","data":{"text":"hi"}}';
    await request(listen.receiverPort, { method: 'POST', path: '/x?y=1', headers: { 'X-Custom': 'v' }, body });
    await expect.poll(() => listen.stdout().includes('\n')).toBe(true);
    const lines = listen.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0]!);
    expect(printed).toMatchObject({ eventId: 'evt_json', path: '/x', query: 'y=1', body, bodyBase64: null });
    expect(printed.headers).toContainEqual(['X-Custom', 'v']);
    expect(listen.output()).toContain('Receiver');

    const file = path.join(testFolder(), 'out.har');
    const exported = await runCli(['export', '--format', 'har', '--out', file, '--data', dataDir]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/via the running instance/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).log.entries).toHaveLength(1);

    const fixture = await runCli(['fixture', printed.id, '--data', dataDir]);
    expect(fixture.code).toBe(0);
    expect(fixture.stdout).toMatch(/saved a test fixture in .*fixtures/);
    expect(fixture.stdout).toContain('sign.mjs');
    await listen.kill();
  });

  it('limits listen --forward to --events and prints an active failure simulation', async () => {
    const dataDir = testFolder();
    fs.writeFileSync(
      path.join(dataDir, 'config.json'),
      JSON.stringify({ sources: [{ name: 'default', path: '/', response: { failFirst: 2 } }] }),
    );
    const target = await startTarget();
    try {
      const listen = await spawnListen(dataDir, ['--forward', target.url, '--events', 'contact.*']);
      await expect.poll(() => listen.output()).toContain('Failure simulation');
      expect(listen.output()).toContain(`Forwarding deliveries of the default source with event types contact.* to ${target.url}`);
      expect(listen.output()).toContain('Failure simulation: source "default" fails the first 2 attempts of each event with 500');
      await request(listen.receiverPort, { method: 'POST', path: '/', body: '{"id":"a","type":"message.read"}' });
      await request(listen.receiverPort, { method: 'POST', path: '/', body: '{"id":"b","type":"contact.created"}' });
      await target.waitFor(1);
      expect(target.requests.map((arrived) => JSON.parse(arrived.body.toString()).id)).toEqual(['b']);
      await expect.poll(() => listen.output()).toMatch(/→ 500 .*\(failure simulation: attempt 1 of 2 set to fail\)/);
      await listen.kill();
    } finally {
      await target.close();
    }
  });
});
