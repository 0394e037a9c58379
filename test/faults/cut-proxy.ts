// A loopback TCP proxy in front of the store that can cut every connection and drop new ones, then
// pass them through again: to the driver, the server went away and came back. jongodb keeps its data
// only in memory, so killing it would model data loss, not a dropped connection. The proxy keeps its
// port while cut (new connections are closed as they arrive), so no parallel test process can take
// the port during the outage.
import { connect, createServer, type Socket } from 'node:net';

export interface CutProxy {
  port: number;
  /** Destroys every open connection and closes each new one as it arrives. */
  cut(): Promise<void>;
  /** Passes connections through again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startCutProxy(target: { host: string; port: number }): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('error', () => upstream.destroy());
    upstream.once('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: (server.address() as { port: number }).port,
    cut: async () => {
      cut = true;
      dropAll();
    },
    restore: async () => {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
