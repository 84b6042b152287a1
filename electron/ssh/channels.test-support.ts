import type { SshConnection } from './connect';

/** Counts the channels opened on the connection while `work` runs: each costs the box a process of its SSH server. */
export async function channelsDuring<T>(conn: SshConnection, work: () => Promise<T>): Promise<{ result: T; channels: number }> {
  let channels = 0;
  const original = conn.client.exec.bind(conn.client);
  conn.client.exec = ((...args: Parameters<typeof original>) => {
    channels++;
    return original(...args);
  }) as typeof original;
  try {
    return { result: await work(), channels };
  } finally {
    conn.client.exec = original;
  }
}
