import net from 'node:net';

export interface DropProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Cuts every open connection at once, as a network outage would. */
  drop(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay on 127.0.0.1 in front of an SSH server: the runner connects
 * through it, and the test cuts the connection mid-run without touching the
 * server or the commands running on the box.
 */
export async function startDropProxy(upstreamPort: number): Promise<DropProxy> {
  const open = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const drop = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    port,
    get accepted() {
      return accepted;
    },
    drop,
    close() {
      drop();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
