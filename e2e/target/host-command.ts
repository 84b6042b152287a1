import { execFile, type ExecFileOptions } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a host program; rejects with its stderr in the message so a failed setup says why. */
export function hostCommand(file: string, args: readonly string[], options: ExecFileOptions & { input?: string } = {}): Promise<CommandResult> {
  const { input, ...rest } = options;
  return new Promise((resolve, reject) => {
    const child = execFile(file, [...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, ...rest }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim() || error.message;
        reject(new Error(`${file} ${args.join(' ')} failed: ${detail}`, { cause: error }));
        return;
      }
      resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
    // A program that never reads stdin may exit before we close it.
    child.stdin?.on('error', () => undefined);
    if (input === undefined) child.stdin?.end();
    else child.stdin?.end(input);
  });
}
