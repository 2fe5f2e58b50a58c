import type { RederiveProgress } from '../store/index.js';
import type { CliIO } from './io.js';
import { usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { rederiveLine, storeFor } from './parseImport.js';

/**
 * `tip-atlas rederive`: recomputes every derived fact (sentences, indicators, recommendation tracking with pillars
 * and themes) of the database in one transaction, with a progress line on stderr and a summary.
 */
export function runRederive(flags: ParsedFlags, io: CliIO): number {
  if (flags.positionals.length) throw usageError(`rederive takes no arguments (got "${flags.positionals[0]}")`);
  const store = storeFor(flags, io, { rederiveOnOpen: false });
  try {
    const started = performance.now();
    let last = '';
    const progress = (p: RederiveProgress) => {
      const line = `${p.stage}: ${p.done}/${p.total}`;
      if (io.isTTY) io.stderr(`\r${line}`);
      else if (p.done === p.total) io.stderr(`${line}\n`);
      last = line;
    };
    const summary = store.rederive(progress);
    if (io.isTTY && last) io.stderr('\n');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout(rederiveLine(summary).replace(/\n$/, ` in ${seconds} s\n`));
    return 0;
  } finally {
    store.close();
  }
}
