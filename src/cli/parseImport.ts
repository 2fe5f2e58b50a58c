import type { Assessment } from '../domain/index.js';
import { InputError } from '../domain/index.js';
import type { ParsedDocument } from '../ingest/index.js';
import { parseDocument, readDocument } from '../ingest/index.js';
import { openStore } from '../store/index.js';
import type { CliIO } from './io.js';
import { usageError } from './io.js';
import type { ParsedFlags } from './main.js';
import { yearFlag } from './main.js';

/** The JSON shape of `tip-atlas parse --json`: one object per assessment. */
export function assessmentJson(a: Assessment) {
  return {
    countryId: a.countryId,
    countryName: a.countryName,
    reportYear: a.reportYear,
    tier: a.tier,
    tierAsterisk: a.tierAsterisk,
    tierStatement: a.tierStatement,
    summary: a.summary,
    recommendations: a.recommendations.map((r) => ({ text: r.text, span: r.span })),
    sections: a.sections,
    warnings: a.warnings,
    source: a.source,
  };
}

function files(flags: ParsedFlags): string[] {
  if (flags.positionals.length === 0) throw usageError('no FILE given');
  return flags.positionals;
}

/** Parses each file; a bad file prints one line and the others go on. Returns the parsed documents and whether any failed. */
async function parseEach(
  paths: string[],
  year: number | undefined,
  io: CliIO,
  onDocument: (doc: ParsedDocument) => void,
): Promise<boolean> {
  let failed = false;
  for (const path of paths) {
    try {
      const doc = parseDocument(await readDocument(path), year === undefined ? {} : { year });
      onDocument(doc);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.stderr(`tip-atlas: ${e.message}\n`);
      failed = true;
    }
  }
  return failed;
}

function describe(a: Assessment): string {
  const tier = a.tier ? `${a.tier}${a.tierAsterisk ? '*' : ''}` : 'tier unknown';
  return `${a.countryId} ${a.reportYear} ${tier}: ${a.recommendations.length} recommendations, ${a.sections.length} sections`;
}

function printWarnings(io: CliIO, file: string, doc: ParsedDocument) {
  for (const w of doc.warnings) io.stderr(`warning: ${file}: ${w.message}: "${w.excerpt}"\n`);
  for (const a of doc.assessments) {
    for (const w of a.warnings) io.stderr(`warning: ${file}: ${a.countryId} ${a.reportYear}: ${w.message}: "${w.excerpt}"\n`);
  }
}

export async function runParse(flags: ParsedFlags, io: CliIO): Promise<number> {
  const year = yearFlag(flags.values.year);
  const out: ReturnType<typeof assessmentJson>[] = [];
  const failed = await parseEach(files(flags), year, io, (doc) => {
    if (flags.values.json) {
      out.push(...doc.assessments.map(assessmentJson));
    } else {
      for (const a of doc.assessments) io.stdout(`${doc.origin}: ${describe(a)}\n`);
      printWarnings(io, doc.origin, doc);
    }
  });
  if (flags.values.json) io.stdout(JSON.stringify(out, null, 2) + '\n');
  return failed ? 1 : 0;
}

export async function runImport(flags: ParsedFlags, io: CliIO): Promise<number> {
  const year = yearFlag(flags.values.year);
  const paths = files(flags);
  const store = openStore({ db: flags.values.db as string | undefined, env: io.env, cwd: io.cwd });
  try {
    let imported = 0;
    let unchanged = 0;
    let narratives = 0;
    const failed = await parseEach(paths, year, io, (doc) => {
      const outcome = store.importDocument({
        sha256: doc.sha256,
        origin: doc.origin,
        mediaType: doc.mediaType,
        text: doc.text,
        reportYear: doc.reportYear,
        assessments: doc.assessments,
        warnings: doc.warnings,
      });
      if (outcome.status === 'unchanged') {
        unchanged++;
        io.stdout(`${doc.origin}: unchanged — these bytes were already imported (document #${outcome.documentId})\n`);
        return;
      }
      imported++;
      narratives += outcome.assessments;
      const replaced = outcome.replaced ? `, replacing ${outcome.replaced} older version(s) kept in history` : '';
      io.stdout(`${doc.origin}: imported ${doc.assessments.map(describe).join('; ')}${replaced}\n`);
      printWarnings(io, doc.origin, doc);
    });
    io.stdout(`${imported} document(s) imported, ${narratives} narrative(s), ${unchanged} unchanged${failed ? ', some files failed (see above)' : ''}\n`);
    return failed ? 1 : 0;
  } finally {
    store.close();
  }
}
