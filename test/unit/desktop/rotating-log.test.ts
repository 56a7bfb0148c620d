// The desktop log file: stamped lines, rotation past its size with a bounded number of old files, nothing lost
// from what was written, and no throw when the disk refuses.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../electron/desktop/rotating-log.js';
import { testFolder } from '../../support/hookscope-harness.js';

const at = () => new Date('2026-12-01T10:00:00.000Z');

describe('rotating log', () => {
  it('stamps each line with the time and source, also across chunks that split a line', () => {
    const dir = testFolder('hookscope-log-');
    const log = new RotatingLog(dir, 'app.log', { now: at });
    log.write('services', 'listening on 8787\nhalf a ');
    log.write('services', 'line\n');
    log.write('main', Buffer.from('quit\n'));
    expect(fs.readFileSync(log.file, 'utf8')).toBe(
      '2026-12-01T10:00:00.000Z [services] listening on 8787\n' +
        '2026-12-01T10:00:00.000Z [services] half a line\n' +
        '2026-12-01T10:00:00.000Z [main] quit\n',
    );
  });

  it('rotates past maxBytes, keeps `keep` old files, and loses no recent line', () => {
    const dir = testFolder('hookscope-log-');
    const log = new RotatingLog(dir, 'app.log', { maxBytes: 200, keep: 2, now: at });
    const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(2, '0')}\n`);
    for (const line of lines) log.write('s', line);
    expect(fs.readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    for (const file of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(200);
    const kept = ['app.log.2', 'app.log.1', 'app.log'].map((file) => fs.readFileSync(path.join(dir, file), 'utf8')).join('');
    const keptLines = kept.split('\n').filter(Boolean).map((line) => line.replace(/^\S+ \[s\] /, '') + '\n');
    // The newest lines, in order, with none missing in between.
    expect(keptLines).toEqual(lines.slice(lines.length - keptLines.length));
    expect(keptLines.length).toBeGreaterThan(10);
  });

  it('does not throw when the file cannot be written', () => {
    const dir = testFolder('hookscope-log-');
    const log = new RotatingLog(dir, 'app.log');
    // A directory where the file should be: appending fails with EISDIR, even for root.
    fs.mkdirSync(log.file);
    expect(() => log.write('main', 'x\n')).not.toThrow();
  });
});
