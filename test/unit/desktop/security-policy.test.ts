// The Content-Security-Policy and permission rules the desktop window runs under.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../../electron/desktop/app-assets.js';
import { contentSecurityPolicy, isPermissionAllowed } from '../../../electron/desktop/security-policy.js';
import { parseDevServerUrl } from '../../../electron/desktop/trusted-url.js';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((part) => [part.split(' ')[0]!, part.slice(part.indexOf(' ') + 1)]));
}

describe('contentSecurityPolicy', () => {
  it('allows no inline or remote script in the built app', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
  });

  it('opens only the dev server origin in development', () => {
    const csp = directives(contentSecurityPolicy(parseDevServerUrl('http://localhost:5173')));
    expect(csp.get('script-src')).toBe("'self' 'unsafe-inline' http://localhost:5173");
    expect(csp.get('connect-src')).toBe("'self' http://localhost:5173 ws://localhost:5173");
  });
});

describe('isPermissionAllowed', () => {
  it('grants only clipboard writes, and only to our page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', true)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', false)).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fileSystem']) {
      expect(isPermissionAllowed(permission, true)).toBe(false);
    }
  });
});

describe('resolveAppAsset', () => {
  const root = path.resolve('/opt/hookscope/dist/renderer');

  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://hookscope/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://hookscope/assets/index-3f2a.js?v=1')).toBe(path.join(root, 'assets/index-3f2a.js'));
    expect(resolveAppAsset(root, 'app://hookscope/a%20b.css')).toBe(path.join(root, 'a b.css'));
  });

  it.each([
    'app://hookscope/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://hookscope/..%2f..%2fetc%2fpasswd',
    'app://hookscope/..%5c..%5cwindows%5cwin.ini',
    'app://hookscope/index.html%00.js',
    'app://hookscope/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (raw) => {
    expect(resolveAppAsset(root, raw)).toBeNull();
  });

  it('keeps normalized dot segments inside the folder', () => {
    expect(resolveAppAsset(root, 'app://hookscope/../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    // The URL parser treats %2e%2e as "..", so this is the root page, not the parent folder.
    expect(resolveAppAsset(root, 'app://hookscope/%2e%2e')).toBe(path.join(root, 'index.html'));
  });
});
