import type { Country } from '../../src/domain/index.js';
import { run } from '../../src/cli/main.js';
import type { CliResult } from './cli.js';

/** Runs the CLI in-process with fictional countries known (as `io.countries`), on a terminal or not. */
export async function runCliWith(
  args: string[],
  opts: { countries?: readonly Country[]; isTTY?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    isTTY: opts.isTTY ?? false,
    ...(opts.countries ? { countries: opts.countries } : {}),
  });
  return { code, stdout, stderr };
}
