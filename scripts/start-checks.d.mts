// Types for start-checks.mjs (plain JavaScript so that `npm start` needs no TypeScript at run time).
export const FETCH_TIMEOUT_SECONDS: number;
export function electronBinary(root: string, env?: NodeJS.ProcessEnv, say?: (line: string) => void): Promise<{ binary: string; reason?: undefined } | { binary: null; reason: string }>;
export function linuxSandboxProblem(binary: string, options?: { platform?: NodeJS.Platform; restrictFile?: string }): string | null;
