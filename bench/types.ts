// The shape every benchmark reports, printed as a table by bench/run.ts.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}
