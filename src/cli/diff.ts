import { diffStoredNarratives, diffText } from '../analysis/diff.js';
import type { CliIO } from './io.js';
import { CliError, usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { yearFlag } from './flags.js';
import { storeFor } from './parseImport.js';
import { countryIn } from './show.js';

export function runDiff(flags: ParsedFlags, io: CliIO): number {
  const [arg, fromArg, toArg, ...extra] = flags.positionals;
  if (!arg || !fromArg || !toArg || extra.length) throw usageError('diff takes COUNTRY FROM TO, e.g. tip-atlas diff TJK 2022 2023');
  const from = yearFlag(fromArg, 'FROM')!;
  const to = yearFlag(toArg, 'TO')!;
  if (from === to) throw usageError(`the two years are the same (${from})`);
  const store = storeFor(flags, io);
  try {
    const country = countryIn(store, arg);
    const years = store.assessmentYears(country.id);
    const missing = [from, to].filter((y) => !years.includes(y));
    if (missing.length) {
      throw new CliError(
        `no ${missing.join(' or ')} narrative of ${country.name} (${country.id}) is held` +
          (years.length ? `; narratives held: ${years.join(', ')}` : '; import one with tip-atlas import FILE'),
        1,
      );
    }
    const [a, b] = from < to ? [from, to] : [to, from];
    const d = diffStoredNarratives(store, store.getAssessment(country.id, a)!, store.getAssessment(country.id, b)!, country, store.assessmentYears(country.id));
    io.stdout(flags.values.json ? JSON.stringify(d, null, 2) + '\n' : diffText(d, { color: io.isTTY, showSame: flags.values.all === true }));
    return 0;
  } finally {
    store.close();
  }
}
