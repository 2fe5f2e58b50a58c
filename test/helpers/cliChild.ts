/**
 * The CLI as a child process with the fictional countries known (tests spawn it to kill an import midway):
 *   node --import tsx test/helpers/cliChild.ts import DIR --db FILE
 * Countries: FICTIONAL_COUNTRIES plus the synthetic ones of bench/generate.ts (seed 1).
 */
import { processIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { fictionalCountries } from '../../bench/generate.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';

const count = Number(process.env.TIP_ATLAS_TEST_COUNTRIES ?? '190');
process.exitCode = await run(process.argv.slice(2), { ...processIO, countries: [...FICTIONAL_COUNTRIES, ...fictionalCountries(count, 1)] });
