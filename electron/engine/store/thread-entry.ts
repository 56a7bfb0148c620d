// Where a store thread's code is: beside the running bundle once built (dist/main/<name>.js, dist/desktop/<name>.js),
// or, running from source (tests, tsx), a bootstrap that loads the TypeScript file through tsx. In the packaged
// desktop app the bundles sit inside app.asar; the thread bundles are also unpacked beside it (electron-builder.yml),
// and threads start from there, so a worker never depends on asar support inside worker threads.
export function threadEntry(builtName: string, sourceFile: string): { script: URL | string; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: outsideAsar(new URL(`./${builtName}.js`, here)), eval: false };
  const source = new URL(`./${sourceFile}`, here).href;
  return {
    script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
    eval: true,
  };
}

/** The same file in the archive's unpacked twin: …/app.asar/dist/x.js → …/app.asar.unpacked/dist/x.js. */
export function outsideAsar(url: URL): URL {
  if (url.protocol !== 'file:' || !/\.asar\//i.test(url.pathname)) return url;
  const twin = new URL(url.href);
  twin.pathname = url.pathname.replace(/\.asar\//i, '.asar.unpacked/');
  return twin;
}
