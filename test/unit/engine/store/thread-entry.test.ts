// Store threads of a packaged app start from app.asar.unpacked; everything else is left as it is.
import { describe, expect, it } from 'vitest';
import { outsideAsar } from '../../../../electron/engine/store/thread-entry.js';

describe('outsideAsar', () => {
  it('maps a file inside an asar archive to its unpacked twin', () => {
    expect(outsideAsar(new URL('file:///opt/Hookscope/resources/app.asar/dist/desktop/store-writer.js')).href).toBe(
      'file:///opt/Hookscope/resources/app.asar.unpacked/dist/desktop/store-writer.js',
    );
    expect(outsideAsar(new URL('file:///C:/Program%20Files/Hookscope/resources/app.asar/dist/desktop/store-check.js')).href).toBe(
      'file:///C:/Program%20Files/Hookscope/resources/app.asar.unpacked/dist/desktop/store-check.js',
    );
  });

  it('leaves other paths alone, including an already unpacked one and a folder merely named like it', () => {
    for (const href of [
      'file:///work/main/dist/desktop/store-writer.js',
      'file:///opt/Hookscope/resources/app.asar.unpacked/dist/desktop/store-writer.js',
      'file:///home/me/my.asarfiles/x.js',
    ]) {
      expect(outsideAsar(new URL(href)).href).toBe(href);
    }
  });
});
