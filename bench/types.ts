// The shape every benchmark reports, printed as a table by bench/run.ts.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

/** `npm run bench -- --quick`: a short subset (smaller stores, shorter runs) for a first look. */
export interface BenchOptions {
  quick: boolean;
}
