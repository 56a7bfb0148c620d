// The rules security.ts enforces, as plain data and functions: the Content-Security-Policy and which permission a
// page may get. Separate from the Electron wiring so each rule is unit-tested.

/**
 * Strict for the built app. Inline styles stay allowed because CodeMirror and React style attributes need them;
 * scripts never are. The development variant lets Vite's HMR client and React refresh preamble run.
 */
export function contentSecurityPolicy(devServer: URL | null = null): string {
  const dev = devServer !== null;
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', dev ? `'self' 'unsafe-inline' ${devServer.origin}` : "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self' data:"],
    ['connect-src', dev ? `'self' ${devServer.origin} ws://${devServer.host}` : "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['worker-src', "'self'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * Every permission is refused except writing to the clipboard from our own page ("copy URL", "copy as cURL"),
 * which Chromium routes through the permission handler as clipboard-sanitized-write.
 */
export function isPermissionAllowed(permission: string, fromAppPage: boolean): boolean {
  return fromAppPage && permission === 'clipboard-sanitized-write';
}
