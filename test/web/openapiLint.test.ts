/**
 * The OpenAPI document the app serves passes the Redocly linter (recommended rules, redocly.yaml) with no error and
 * no warning, offline: the linter's CLI is run on the document as served, without and with a public address.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CLI = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

let store: Store;
let dir: string;
beforeAll(() => {
  store = openSqliteStore(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'tip-atlas-openapi-'));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

function lint(file: string): LintReport {
  const run = spawnSync(process.execPath, [CLI, 'lint', file, '--format=json', '--config', join(ROOT, 'redocly.yaml')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    // Offline: no telemetry (also off in redocly.yaml), no update check.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  expect(run.error).toBeUndefined();
  return JSON.parse(run.stdout) as LintReport;
}

async function served(publicUrl?: string): Promise<{ file: string; doc: { servers: { url: string }[] } }> {
  const app = createApp(store, publicUrl ? { publicUrl } : {});
  const text = await (await app.request('/api/openapi.json')).text();
  const file = join(dir, `openapi-${publicUrl ? 'public' : 'relative'}.json`);
  writeFileSync(file, text);
  return { file, doc: JSON.parse(text) as { servers: { url: string }[] } };
}

describe('the OpenAPI document passes the linter', () => {
  it('without a public address: a relative server, 0 errors and 0 warnings', async () => {
    const { file, doc } = await served();
    expect(doc.servers.map((s) => s.url)).toEqual(['/']);
    const report = lint(file);
    expect(report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 130_000);

  it('with a public address: it is the server, and the document still lints clean', async () => {
    const { file, doc } = await served('https://atlas.example.org/tip');
    expect(doc.servers.map((s) => s.url)).toEqual(['https://atlas.example.org/tip']);
    expect(lint(file).totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 130_000);

  it('finds the problems of a broken document (the linter really runs)', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: {} } } } }));
    expect(lint(file).totals.errors).toBeGreaterThan(0);
  }, 130_000);
});
