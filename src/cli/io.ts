import type { Country } from '../domain/index.js';

/** Effects the CLI needs, injected so tests run it in-process and silently. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean;
  /**
   * Countries known besides the registry's (tests inject fictional ones, ids XAA–XZZ): headings naming them are
   * read, the store accepts them, and `fetch` fetches only these instead of the registry's.
   */
  countries?: readonly Country[];
}

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
};

/** A failure that ends the command with an exit code: 1 bad input, 2 usage. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, 2);
