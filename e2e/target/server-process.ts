import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { waitForSshBanner } from './net';

const LOG_LIMIT = 1024 * 1024;

/** One sshd or dropbear in the foreground, its log kept in memory. */
export class ServerProcess {
  private log = '';
  private exit: string | null = null;
  readonly child: ChildProcess;

  constructor(file: string, args: readonly string[], marker: string) {
    // The marker lets cleanup find this server's per-connection children
    // after the listener is gone (they inherit the environment).
    this.child = spawn(file, [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', CAIRN_TEST_TARGET: marker },
    });
    const keep = (chunk: Buffer) => {
      if (this.log.length < LOG_LIMIT) this.log += chunk.toString('utf8');
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.on('error', (error) => {
      this.exit = `${file} could not start: ${error.message}`;
    });
    this.child.on('exit', (code, signal) => {
      this.exit ??= `${file} exited (${signal ?? `code ${code}`}): ${this.log.trim().split('\n').slice(-3).join(' / ')}`;
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get output(): string {
    return this.log;
  }

  /** Why the server is not running, or null while it runs. */
  get exited(): string | null {
    return this.exit;
  }

  async ready(host: string, port: number): Promise<void> {
    await waitForSshBanner(host, port, () => this.exit);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), delay(3000).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}
