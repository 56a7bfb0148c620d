// What `npm start` checks before it starts Electron, kept apart from start.mjs so tests can run each check on files
// they make: which Electron executable to use, and whether Linux's Chromium sandbox can start at all.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** How long `npm start` waits for the Electron binary's first-use download (HOOKSCOPE_ELECTRON_FETCH_TIMEOUT, seconds). */
export const FETCH_TIMEOUT_SECONDS = 30;

/**
 * The Electron executable: HOOKSCOPE_ELECTRON (e.g. a system-wide Electron of the same major version), else the one
 * node_modules/electron provides. Since Electron 45 that package downloads its binary on first use rather than at
 * install, so it is asked in a child process whose output is watched: its own "Downloading Electron binary" line is
 * the only sign that a download started, and only then does `say` tell the user, with the time limit. A download
 * that fails (offline, a machine that reaches only the npm registry) or gets no answer in time (a proxy that drops
 * packets) becomes one line of reason instead of a stack trace or minutes of silence.
 * Resolves { binary } or { binary: null, reason }.
 */
export async function electronBinary(root, env = process.env, say = (line) => console.log(line)) {
  if (env.HOOKSCOPE_ELECTRON) {
    return fs.existsSync(env.HOOKSCOPE_ELECTRON)
      ? { binary: path.resolve(env.HOOKSCOPE_ELECTRON) }
      : { binary: null, reason: `HOOKSCOPE_ELECTRON is ${env.HOOKSCOPE_ELECTRON}, which does not exist` };
  }
  if (!fs.existsSync(path.join(root, 'node_modules', 'electron', 'package.json'))) {
    return { binary: null, reason: 'the electron package is not installed (npm install)' };
  }
  const seconds = Number(env.HOOKSCOPE_ELECTRON_FETCH_TIMEOUT) > 0 ? Number(env.HOOKSCOPE_ELECTRON_FETCH_TIMEOUT) : FETCH_TIMEOUT_SECONDS;
  const child = spawn(process.execPath, ['-p', "require('electron')"], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timer = null;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    if (timer === null && /Downloading Electron binary/i.test(stdout)) {
      say(`Fetching the Electron binary (first start only; giving up after ${seconds} s)…`);
      timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const [status, signal] = await new Promise((resolve) => child.on('close', (code, killed) => resolve([code, killed])));
  if (timer !== null) clearTimeout(timer);
  const binary = status === 0 ? stdout.trim().split('\n').pop() : '';
  if (binary && fs.existsSync(binary)) return { binary };
  if (signal === 'SIGKILL' && timer !== null) {
    return {
      binary: null,
      reason: `download: no answer within ${seconds} s (a proxy or firewall that drops the connection?); HOOKSCOPE_ELECTRON_FETCH_TIMEOUT=<seconds> waits longer`,
    };
  }
  const output = `${stdout}\n${stderr}`;
  const reason = output.split('\n').map((line) => line.trim()).find((line) => /error|failed/i.test(line) && !line.startsWith('at '));
  return { binary: null, reason: reason ? `download: ${reason.replace(/^\w*Error: /, '')}` : 'its download did not complete' };
}

/**
 * Ubuntu 23.10 and later forbid unprivileged user namespaces to programs without an AppArmor profile, so Chromium
 * falls back to its setuid helper, chrome-sandbox, and aborts at once when that is not root-owned with mode 4755
 * (electron/electron#42510): the case for every Electron fetched by npm. Returns what to do, or null when fine.
 */
export function linuxSandboxProblem(binary, options = {}) {
  const platform = options.platform ?? process.platform;
  const restrictFile = options.restrictFile ?? '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
  if (platform !== 'linux') return null;
  let restricted;
  try {
    restricted = fs.readFileSync(restrictFile, 'utf8').trim() === '1';
  } catch {
    return null; // No such setting: user namespaces are allowed (Debian, Fedora, older Ubuntu).
  }
  if (!restricted) return null;
  const helper = path.join(path.dirname(binary), 'chrome-sandbox');
  let stat;
  try {
    stat = fs.statSync(helper);
  } catch {
    return null; // Nothing to fall back to: Chromium reports its own error.
  }
  if (stat.uid === 0 && (stat.mode & 0o4000) !== 0) return null;
  return [
    "This Linux restricts unprivileged user namespaces (AppArmor, Ubuntu 23.10 and later), and Electron's sandbox",
    `helper is not set up, so Electron would abort at start. Make the helper root-owned and setuid, once:`,
    `  sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`,
    'or give this Electron an AppArmor profile (README, "Desktop app", Linux). The .deb package installs such a',
    'profile for the packaged app itself.',
  ].join('\n');
}
