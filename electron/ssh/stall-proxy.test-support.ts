import net from 'node:net';

export interface StallProxy {
  readonly port: number;
  /** From now on nothing gets through either way, and the connections stay open: a box (or the link to it) that went silent. */
  stall(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay on 127.0.0.1 in front of an SSH server that can go silent
 * without hanging up, the way a link does when a cable is pulled far away:
 * what is sent is swallowed, nothing comes back and no connection closes.
 */
export async function startStallProxy(upstreamPort: number): Promise<StallProxy> {
  const open = new Set<net.Socket>();
  let stalled = false;
  // Half-open allowed, so a stalled side does not answer a goodbye on its own: ends are passed on by hand, or swallowed.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ port: upstreamPort, host: '127.0.0.1', allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (data: Buffer) => {
      if (!stalled) upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      if (!stalled) client.write(data);
    });
    client.on('end', () => {
      if (!stalled) upstream.end();
    });
    upstream.on('end', () => {
      if (!stalled) client.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stall: () => {
      stalled = true;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
