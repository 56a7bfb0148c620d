// The desktop app's log file: what the services process prints (stdout and stderr) and the main process's own
// errors, under app.getPath('logs'), because a packaged app has no terminal and errors would otherwise go nowhere.
// Kept small: past maxBytes the file becomes <name>.1 (and .1 becomes .2, up to `keep` old files) and a new one
// starts. Writes are synchronous appends of whole chunks, so a crash loses nothing already written.
import fs from 'node:fs';
import path from 'node:path';

export interface RotatingLogOptions {
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
}

export class RotatingLog {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private size: number;
  private lineStart = true;

  constructor(dir: string, name = 'hookscope.log', options: RotatingLogOptions = {}) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, name);
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.now = options.now ?? (() => new Date());
    this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
  }

  /** Appends text from `source`; each line starts with a timestamp and the source. Never throws. */
  write(source: string, text: string | Buffer): void {
    const stamped = this.stamp(source, text.toString());
    if (stamped === '') return;
    try {
      if (this.size > 0 && this.size + Buffer.byteLength(stamped) > this.maxBytes) this.rotate();
      fs.appendFileSync(this.file, stamped, { mode: 0o600 });
      this.size += Buffer.byteLength(stamped);
    } catch {
      // A full or read-only disk must not take the app down with it; the log is best effort.
    }
  }

  private stamp(source: string, text: string): string {
    let out = '';
    for (const char of text.split(/(\n)/)) {
      if (char === '') continue;
      if (this.lineStart && char !== '\n') out += `${this.now().toISOString()} [${source}] `;
      out += char;
      this.lineStart = char === '\n';
    }
    return out;
  }

  private rotate(): void {
    for (let index = this.keep - 1; index >= 1; index--) {
      const from = `${this.file}.${index}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${this.file}.${index + 1}`);
    }
    if (this.keep > 0) fs.renameSync(this.file, `${this.file}.1`);
    else fs.rmSync(this.file, { force: true });
    this.size = 0;
  }
}
