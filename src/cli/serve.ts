import { serve } from '@hono/node-server';
import { openStore, storePath } from '../store/index.js';
import { createApp } from '../web/app.js';
import type { CliIO } from './io.js';
import { usageError } from './io.js';
import type { ParsedFlags } from './main.js';

export async function runServe(flags: ParsedFlags, io: CliIO): Promise<number> {
  const portArg = (flags.values.port as string | undefined) ?? io.env.PORT ?? '3000';
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a port number, not "${portArg}"`);
  const hostname = (flags.values.host as string | undefined) ?? '127.0.0.1';
  const store = openStore({ db: flags.values.db as string | undefined, env: io.env, cwd: io.cwd });
  const app = createApp(store);
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    io.stdout(`TIP Atlas serving http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port}/ (database: ${storePath({ db: flags.values.db as string | undefined, env: io.env, cwd: io.cwd })})\n`);
  });
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  store.close();
  return 0;
}
