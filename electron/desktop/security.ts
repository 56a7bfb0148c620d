// Every restriction the desktop shell places on web content, in one file (Electron's security checklist):
// the app:// scheme instead of file://, a CSP header on every response, no navigation away, no new windows (https
// links on the allow-list open in the browser), no <webview>, no permissions beyond clipboard writes from our page.
// The rules themselves live in trusted-url.ts and security-policy.ts, where they are unit-tested.
import { app, net, protocol, session, shell, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveAppAsset } from './app-assets.js';
import { contentSecurityPolicy, isPermissionAllowed } from './security-policy.js';
import { APP_SCHEME, isAppUrl, trustedExternalUrl } from './trusted-url.js';

/** Must run before the app is ready: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://hookscope/, refusing any path outside rendererDir. */
export function serveRenderer(rendererDir: string, ses: Session = session.defaultSession): void {
  const csp = contentSecurityPolicy();
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file || request.method !== 'GET') return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

export function applySecurity(devServer: URL | null, ses: Session = session.defaultSession): void {
  // Dev server responses get the (development) CSP as a header too; app:// responses already carry theirs.
  if (devServer) {
    const csp = contentSecurityPolicy(devServer);
    ses.webRequest.onHeadersReceived({ urls: [`${devServer.origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }

  ses.setPermissionRequestHandler((contents, permission, callback) => {
    callback(isPermissionAllowed(permission, isAppUrl(contents.getURL(), devServer)));
  });
  ses.setPermissionCheckHandler((contents, permission) =>
    isPermissionAllowed(permission, contents !== null && isAppUrl(contents.getURL(), devServer)),
  );

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url, devServer)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url, devServer)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const href = trustedExternalUrl(url);
      if (href) void shell.openExternal(href);
      return { action: 'deny' };
    });
  });
}
