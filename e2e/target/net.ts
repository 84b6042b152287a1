import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A port on the address (default 127.0.0.1) that was free a moment ago (the caller retries if a server loses the race). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function readBanner(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let text = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\n')) done(text.startsWith('SSH-2.0-'));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/**
 * Resolves once an SSH server on the port greets with its banner; rejects
 * when `failed()` reports the server died, or after timeoutMs.
 */
export async function waitForSshBanner(host: string, port: number, failed: () => string | null, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    const reason = failed();
    if (reason) throw new Error(reason);
    if (await readBanner(host, port)) return;
    if (Date.now() > deadline) throw new Error(`No SSH server answered on ${host}:${port} within ${timeoutMs / 1000} s.`);
    await delay(pause);
  }
}
