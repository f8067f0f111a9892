import type { composeServer } from '../compose.js';

type Server = Awaited<ReturnType<typeof composeServer>>;

/**
 * Starts listening and returns the listening URLs; a taken port or a foreign address closes the server and becomes
 * one readable error (shared by `driftguard serve` and `driftguard demo`).
 */
export async function listenOrExplain(server: Server, host: string, port: number): Promise<string[]> {
  try {
    await server.app.listen({ host, port });
  } catch (error) {
    await server.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is already in use; choose another with --port`);
    if (code === 'EADDRNOTAVAIL') throw new Error(`cannot listen on ${host}: no such address on this machine`);
    throw error;
  }
  return server.app
    .addresses()
    .map((a) =>
      typeof a === 'string'
        ? a
        : a.family === 'IPv6'
          ? `http://[${a.address}]:${a.port}`
          : `http://${a.address}:${a.port}`,
    );
}
