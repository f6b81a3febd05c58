import net from 'node:net';

/** Forwards TCP to a broker; `cut()` drops every connection at once, as a broker restart or a network cut would. */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  /** For each connection, its broker-side socket and the client socket it forwards to. */
  private readonly replies = new Map<net.Socket, net.Socket>();
  private readonly server: net.Server;

  private constructor(server: net.Server) {
    this.server = server;
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = net.createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => {
      const upstream = net.connect(target);
      proxy.replies.set(upstream, client);
      upstream.once('close', () => proxy.replies.delete(upstream));
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        proxy.sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          proxy.sockets.delete(from);
          to.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy is not listening');
    return address.port;
  }

  /** Stops forwarding what the broker sends on the current connections (its confirms, acks), as a stalled network would. */
  hold(): void {
    for (const [upstream, client] of this.replies) {
      upstream.unpipe(client);
      upstream.pause();
    }
  }

  cut(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
