// The app's identity as the OS sees it. Windows shows a toast only for an AppUserModelID that a Start-menu shortcut
// carries; electron-builder's NSIS installer gives the shortcut the `appId` of electron-builder.yml, so the two must be
// the same string (test/unit/desktop/app-identity.test.ts reads the yml).
export const APP_ID = 'dev.hookscope.app';
export const APP_NAME = 'Hookscope';
