// Which URLs the desktop shell trusts: its own pages (app://hookscope, or the Vite dev server in development) and
// the few https sites a link in the inspector may open in the user's browser. Plain functions, tested with hostile
// look-alikes; security.ts applies them.

/** The custom scheme the built renderer is served from (a real origin, unlike file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hookscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Sites a link may open in the browser: the platforms' docs and dashboards, the tunnel, the project. */
export const EXTERNAL_DOMAINS: readonly string[] = ['buzzbip.com', 'vobiz.ai', 'github.com', 'loca.lt', 'localtunnel.me'];

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > 4096) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * The normalized href to hand to shell.openExternal, or null: https only, no credentials, default port, host equal
 * to an allowed domain or a subdomain of one. Callers open the returned href, never the raw string.
 */
export function trustedExternalUrl(raw: unknown, domains: readonly string[] = EXTERNAL_DOMAINS): string | null {
  const url = parse(raw);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  const host = url.hostname;
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`)) ? url.href : null;
}

/**
 * A development server URL we agree to load the renderer from: http on a loopback host with an explicit port.
 * Anything else (a LAN address, https://localhost.evil.example) is refused so an environment variable cannot point
 * the window, and its preload, at someone else's page.
 */
export function parseDevServerUrl(raw: unknown): URL | null {
  const url = parse(raw);
  if (!url || url.protocol !== 'http:' || url.username || url.password || !url.port) return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return url;
}

/** Whether a URL is one of our own pages: app://hookscope/… or, in development, the dev server's origin. */
export function isAppUrl(raw: unknown, devServer: URL | null = null): boolean {
  const url = parse(raw);
  if (!url || url.username || url.password) return false;
  // app:// is a standard scheme inside Electron, but WHATWG URL gives non-special schemes an opaque "null" origin,
  // so compare scheme and host rather than .origin.
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  return devServer !== null && url.origin === devServer.origin;
}
