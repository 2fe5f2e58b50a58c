import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The module graph of src/ (tests left out) has no import cycle. The layer directions themselves are lint rules
 * (eslint.config.js); a cycle can also run inside one layer, which those rules cannot see.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Relative imports and re-exports of a module, as source paths (type-only imports count: they tie modules too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
    out.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  }
  return out;
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const next of graph.get(n) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

describe('module graph of src/', () => {
  const graph = new Map(sourceFiles(SRC).map((f) => [f, importsOf(f)]));

  it('reads every module and its imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'cli/main.ts'))).toContain(join(SRC, 'cli/flags.ts'));
  });

  it('has no import cycle', () => {
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('src/text (language tools) imports only src/domain, and src/domain never imports it', () => {
    const layerOf = (f: string) => relative(SRC, f).split('/')[0];
    const textImports = [...graph].filter(([f]) => layerOf(f) === 'text').flatMap(([, deps]) => deps.map(layerOf));
    expect(textImports.length).toBeGreaterThan(0);
    expect([...new Set(textImports)].sort()).toEqual(['domain', 'text']);
    const domainImports = [...graph].filter(([f]) => layerOf(f) === 'domain').flatMap(([, deps]) => deps.map(layerOf));
    expect(domainImports).not.toContain('text');
    // Ingest and the analyses use it (one sentence splitter, one locator), and keep no splitter of their own.
    expect(graph.get(join(SRC, 'ingest/parseNarrative.ts'))).toContain(join(SRC, 'text/index.ts'));
    expect(graph.get(join(SRC, 'analysis/diff.ts'))).toContain(join(SRC, 'text/index.ts'));
  });

  it('would report a cycle (the check itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
