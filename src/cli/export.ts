import path from 'node:path';
import { formatBytes } from '../ingest/index.js';
import { exportSite, normaliseBasePath } from '../web/site/exportSite.js';
import type { ExportSummary } from '../web/site/exportSite.js';
import { parsePublicUrl } from '../web/publicUrl.js';
import type { CliIO } from './io.js';
import { usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { storeFor } from './parseImport.js';

/** `tip-atlas export DIR [--base-path P] [--base-url URL] [--compare A,B …] [--full] [--db PATH]`. */
export async function runExport(flags: ParsedFlags, io: CliIO): Promise<number> {
  const [dir, ...extra] = flags.positionals;
  if (!dir) throw usageError('export needs the folder to write the site to, e.g. tip-atlas export site/');
  if (extra.length) throw usageError(`export takes one folder, not ${flags.positionals.length}: ${flags.positionals.join(' ')}`);
  let basePath = '';
  try {
    basePath = normaliseBasePath((flags.values['base-path'] as string | undefined) ?? '');
  } catch (e) {
    throw usageError(`--base-path: ${(e as Error).message}`);
  }
  const baseArg = flags.values['base-url'] as string | undefined;
  let baseUrl: string | undefined;
  if (baseArg !== undefined) {
    try {
      baseUrl = parsePublicUrl(baseArg);
    } catch (e) {
      throw usageError(`--base-url: ${(e as Error).message}`);
    }
    if (new URL(baseUrl).pathname !== '/') throw usageError(`--base-url is the site's origin (https://example.org); give the folder with --base-path`);
  }
  const compareArgs = (flags.values.compare as string[] | undefined) ?? [];
  const compare = compareArgs.map((a) => a.split(',').map((s) => s.trim()).filter(Boolean)).filter((l) => l.length > 0);

  const store = storeFor(flags, io);
  const target = path.resolve(io.cwd, dir);
  let lastDraw = 0;
  let shown = false;
  try {
    const summary = await exportSite(store, target, {
      basePath,
      ...(baseUrl ? { baseUrl } : {}),
      ...(compare.length ? { compare } : {}),
      full: flags.values.full === true,
      onProgress: ({ done, total, phase }) => {
        if (!io.isTTY) return;
        const t = Date.now();
        if (t - lastDraw < 100 && done < total) return;
        lastDraw = t;
        const width = 24;
        const filled = Math.round((done / Math.max(total, 1)) * width);
        io.stderr(`\r\x1b[K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} addresses · ${phase}`);
        shown = true;
      },
    });
    if (shown) io.stderr('\r\x1b[K');
    io.stdout(summaryText(target, summary));
    for (const f of summary.failed) io.stderr(`tip-atlas: ${f.url} answered ${f.status}: not exported\n`);
    if (summary.linkedErrors.length) {
      io.stderr(`tip-atlas: ${summary.linkedErrors.length} linked address(es) with a query answer an error on the server too, not exported: ${summary.linkedErrors.slice(0, 5).map((f) => `${f.url} (${f.status})`).join(', ')}${summary.linkedErrors.length > 5 ? ', …' : ''}\n`);
    }
    return summary.failed.length ? 1 : 0;
  } catch (e) {
    if (shown) io.stderr('\r\x1b[K');
    throw e;
  } finally {
    store.close();
  }
}

export function summaryText(dir: string, s: ExportSummary): string {
  const secs = s.seconds < 10 ? s.seconds.toFixed(1) : String(Math.round(s.seconds));
  return (
    `Exported ${s.files} files (${s.pages} pages, ${formatBytes(s.bytes)}) to ${dir} in ${secs} s: ` +
    `${s.written} written, ${s.unchanged} unchanged, ${s.removed} removed; ${s.rendered} addresses rendered` +
    (s.keptCountries.length ? ` (${s.keptCountries.length} countries unchanged, kept)` : '') +
    `; search index of ${s.searchRecords} passages.\n` +
    (s.sitemap ? '' : 'No sitemap.xml: it needs absolute addresses (give --base-url).\n')
  );
}
