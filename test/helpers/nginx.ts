import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's nginx (`apt-get install -y nginx`), when installed. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
export const NO_NGINX_REASON = 'nginx is absent (/usr/sbin/nginx): the static export is not served (install it with apt-get install -y nginx)';

/** The repository's nginx configuration for an export (deploy/nginx.conf). */
export const DEPLOY_CONF = new URL('../../deploy/nginx.conf', import.meta.url);
/** Its variant for an export made with `--base-path /tip-atlas` (deploy/nginx-subfolder.conf). */
export const DEPLOY_SUBFOLDER_CONF = new URL('../../deploy/nginx-subfolder.conf', import.meta.url);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface StaticServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx serving a folder with deploy/nginx.conf (or `conf`) as it is, but for `listen` (a free loopback port) and
 * `root`, in a temporary prefix (`-p`): no root needed beyond reading the folder; one worker. `probe` is an
 * address that answers 200 once it listens.
 */
export async function startNginx(root: string, opts: { workers?: number; conf?: URL; probe?: string } = {}): Promise<StaticServer> {
  if (!NGINX) throw new Error(NO_NGINX_REASON);
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-nginx-'));
  const port = await freePort();
  const site = readFileSync(opts.conf ?? DEPLOY_CONF, 'utf8')
    .replace(/^\s*listen \[::\]:80;\n/m, '')
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)root \/var\/www[^;\n]*;/m, `$1root ${root};`);
  if (!site.includes(`root ${root};`) || !site.includes(`listen 127.0.0.1:${port};`)) throw new Error('the nginx config has no `listen 80;` or `root /var/www…;` line');
  const conf = writeNginxConf(dir, { workers: opts.workers ?? 1, http: ['include /etc/nginx/mime.types;', 'default_type application/octet-stream;'], site });
  const server = await spawnNginx(dir, conf, `http://127.0.0.1:${port}${opts.probe ?? '/robots.txt'}`);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `dir`/nginx.conf for nginx run in the foreground with `dir` as its prefix (pid, error log and temporary
 * folders there, made here), `http` lines added to the http block, and `site` (the server blocks) inside it.
 * Runs as root where the process is root (a container). Returns the file's path.
 */
export function writeNginxConf(dir: string, opts: { workers: number; http: string[]; site: string }): string {
  for (const t of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, `tmp-${t}`));
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
worker_processes ${opts.workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
${opts.http.map((l) => `  ${l}\n`).join('')}  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp-client;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
${opts.site}
}
`,
  );
  return conf;
}

/**
 * Starts nginx in the foreground (`daemon off` in `conf`) with its prefix and error log in `dir`, waits until
 * `probe` answers, and gives the server's origin and a stop (SIGQUIT: a graceful end).
 */
export async function spawnNginx(dir: string, conf: string, probe: string): Promise<StaticServer> {
  if (!NGINX) throw new Error(NO_NGINX_REASON);
  const child: ChildProcess = spawn(NGINX, ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr.trim()} ${readLog(dir)}`);
    try {
      const res = await fetch(probe);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) throw new Error(`nginx did not start: ${stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: new URL(probe).origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
