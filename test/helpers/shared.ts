import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The read-only shared folder beside the repository (real report text); absent on a user's machine. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const CORPUS_DIR = `${SHARED_DIR}corpus/`;
export const SEED_FILE = `${CORPUS_DIR}seed/tajikistan-2023-gvnet.txt`;
export const HAVE_CORPUS = existsSync(SEED_FILE);
export const NO_CORPUS_REASON = `../shared/corpus is absent (${CORPUS_DIR}): tests over real report text are skipped`;

/** The excerpt text of a corpus file: without its `# source: URL` line and the blank line after it. */
export function excerptText(fileText: string): { url: string; text: string } {
  const m = /^# source: (\S+)\n\n?/.exec(fileText);
  return m ? { url: m[1]!, text: fileText.slice(m[0].length) } : { url: '', text: fileText };
}
