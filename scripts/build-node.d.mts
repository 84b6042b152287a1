// Types for the parts of build-node.mjs that TypeScript code imports (e2e/bridge/build-for-journeys.ts).

/** esbuild's `define` that gives a bundle the password-hash worker's script (see electron/secrets/password-hash-thread.ts). */
export function passwordHashWorkerDefine(): Promise<Record<string, string>>;
export function buildCli(): Promise<void>;
