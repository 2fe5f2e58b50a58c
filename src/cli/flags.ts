import { parseArgs } from 'node:util';
import { usageError } from './io.js';

/** The command line's flags, shared by every command (main.ts parses; each command reads what it declared). */
export interface ParsedFlags {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export function parseFlags(args: string[], options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): ParsedFlags {
  try {
    const { positionals, values } = parseArgs({ args, options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
    return { positionals, values: values as ParsedFlags['values'] };
  } catch (e) {
    throw usageError((e as Error).message);
  }
}

/**
 * A four-digit year given on the command line (`what` names it in the message: --year, FROM…); a malformed one is
 * a usage error (exit 2) in every command. The range (2001–2030) is checked where the year is used, so the
 * message can name the file.
 */
export function yearFlag(v: string | boolean | undefined, what = '--year'): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{4}$/.test(v)) throw usageError(`${what} must be a four-digit report year, not "${String(v)}"`);
  return Number(v);
}
