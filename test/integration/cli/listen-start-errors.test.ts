// Start-up failures a person can act on: each names the file or folder and the remedy, and exits 1 (or, for a
// damaged database, starts and says so, since the UI has the way on).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testFolder } from '../../support/hookscope-harness.js';
import { spawnListen } from '../../support/cli-process.js';


/** Runs `hookscope listen` to its end (these all stop at start), optionally as another user. */
function listen(data: string, prefix: string[] = [], ports = ['--port', '0', '--api-port', '0']) {
  const cli = path.resolve('electron/cli/cli.ts');
  const command = [...prefix, process.execPath, '--import', 'tsx', cli, 'listen', ...ports, '--data', data];
  return spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
}

describe('start-up errors', () => {
  it('a data folder that is a file', () => {
    const file = path.join(testFolder(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const result = listen(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`hookscope: the data folder ${file} is a file, not a folder; move it away or pass another folder with --data <dir>`);
  });

  it('a config.json that is a folder', () => {
    const data = testFolder();
    fs.mkdirSync(path.join(data, 'config.json'));
    const result = listen(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${path.join(data, 'config.json')} is a folder, not a config file; move it away`);
  });

  it('a database that cannot be opened ("unable to open database file")', () => {
    const data = testFolder();
    fs.mkdirSync(path.join(data, 'hookscope.db'));
    const result = listen(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot open the database ${path.join(data, 'hookscope.db')} (unable to open database file)`);
    expect(result.stderr).toContain('or pass another folder with --data <dir>');
  });

  it('a data folder this user may not write to', () => {
    const data = testFolder();
    fs.chmodSync(path.dirname(data), 0o755);
    fs.chmodSync(data, 0o755); // root's, and not writable by "nobody"
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const result = listen(data, asNobody);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain(`hookscope: cannot use the data folder ${data}: permission denied; fix its owner and mode, or pass another folder with --data <dir>`);
  });

  it('a database whose first page is garbage ("file is not a database") starts, and says what to do', async () => {
    const data = testFolder();
    fs.writeFileSync(path.join(data, 'hookscope.db'), Buffer.alloc(8192, 0xab));
    const running = await spawnListen(data);
    try {
      await expect.poll(() => running.output()).toMatch(/hookscope: The database .*hookscope\.db is damaged \(file is not a database\)/);
      expect(running.output()).toContain('--fresh-store');
    } finally {
      await running.kill();
    }
  });

  it('a data folder where no folder can be made (under /proc) fails at once instead of hanging', () => {
    const result = listen('/proc/hookscope-data');
    expect(result.error, 'it hung').toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('hookscope: cannot create the data folder /proc/hookscope-data: the file system there does not allow new folders (ENOENT at /proc/hookscope-data); pass another folder with --data <dir>');
  });

  it('a misspelt config key is refused with the file, the key and the guess', () => {
    const data = testFolder();
    fs.writeFileSync(path.join(data, 'config.json'), JSON.stringify({ sources: [{ name: 'bb', path: '/', secrets: ['s'], foward: { url: 'http://localhost:3000' } }] }));
    const result = listen(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`hookscope: invalid configuration: ${path.join(data, 'config.json')}: sources[0].foward: unknown key (did you mean "forward"?)`);
  });

  it('a second listen on one data folder is refused, naming the first and its inspector', async () => {
    const data = testFolder();
    const first = await spawnListen(data);
    // Its banner says the addresses are local and how to get the public one.
    await expect.poll(() => first.output()).toContain('Public URL none: BuzzBip and Vobiz need an https:// URL. Start with --tunnel, or "Get a public URL" in the inspector.');
    const token = fs.readFileSync(path.join(data, 'api-token'), 'utf8').trim();
    const second = listen(data);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`hookscope: the data folder ${data} is in use by \`hookscope listen\` (pid ${first.child.pid}`);
    expect(second.stderr).toContain(`Its inspector: http://127.0.0.1:${first.apiPort}/?token=${token}`);
    expect(first.alive()).toBe(true);
    await first.kill('SIGKILL');
    // Killed without a word: its lock is stale, and the next start takes it over.
    const third = await spawnListen(data);
    expect(third.alive()).toBe(true);
    await third.kill();
  });

  it('names both ports when both are taken', async () => {
    const servers = await Promise.all([0, 0].map(() => new Promise<net.Server>((resolve) => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })));
    try {
      const [receiver, api] = servers.map((server) => (server.address() as net.AddressInfo).port);
      const result = listen(testFolder(), [], ['--port', String(receiver), '--api-port', String(api)]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`hookscope: ports ${receiver} (--port) and ${api} (--api-port) are already in use; pick another with --port <n> and --api-port <n> (0 picks a free one)`);
    } finally {
      for (const server of servers) server.close();
    }
  });
});
