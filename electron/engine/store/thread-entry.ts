// Where a store thread's code is: beside the running bundle once built (dist/main/<name>.js), or, running from
// source (tests, tsx), a bootstrap that loads the TypeScript file through tsx.
export function threadEntry(builtName: string, sourceFile: string): { script: URL | string; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL(`./${builtName}.js`, here), eval: false };
  const source = new URL(`./${sourceFile}`, here).href;
  return {
    script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
    eval: true,
  };
}
