import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { storePath } from '../store/index.js';
import { createApp } from '../web/app.js';
import { answerClientErrors } from '../web/clientErrors.js';
import { parsePublicUrl } from '../web/publicUrl.js';
import type { CliIO } from './io.js';
import { usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { storeFor } from './parseImport.js';

export async function runServe(flags: ParsedFlags, io: CliIO): Promise<number> {
  const flag = flags.values.port as string | undefined;
  const portArg = flag ?? io.env.PORT ?? '3000';
  const port = Number(portArg);
  if (!/^\d+$/.test(portArg.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(`${flag !== undefined ? '--port' : 'PORT (environment)'} must be a port number (0–65535), not "${portArg}"`);
  }
  const hostname = (flags.values.host as string | undefined) ?? '127.0.0.1';
  const publicFlag = flags.values['public-url'] as string | undefined;
  const publicArg = publicFlag ?? io.env.TIP_ATLAS_PUBLIC_URL;
  let publicUrl: string | undefined;
  if (publicArg !== undefined && publicArg !== '') {
    try {
      publicUrl = parsePublicUrl(publicArg);
    } catch (e) {
      throw usageError(`${publicFlag !== undefined ? '--public-url' : 'TIP_ATLAS_PUBLIC_URL (environment)'}: ${(e as Error).message}`);
    }
  }
  const readOnly = flags.values['read-only'] === true;
  const store = storeFor(flags, io, { readOnly });
  // Opening for writing rederives stale facts; should they still be stale (read-only, another process, a failed
  // write), the pages compute them when read rather than serve them, and the operator is told.
  if (store.derivedState().stale) io.stderr('tip-atlas: the derived facts of this database are stale: pages compute them when read (slower); run tip-atlas rederive\n');
  const app = createApp(store, publicUrl ? { publicUrl } : {});
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    io.stdout(`TIP Atlas serving http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port}/ (database: ${storePath({ db: flags.values.db as string | undefined, env: io.env, cwd: io.cwd })}${readOnly ? ', read-only' : ''})\n`);
  });
  answerClientErrors(server as Server);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  store.close();
  return 0;
}
