import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The entry of a worker thread whose module sits next to the module that starts it (`name` without extension):
 * `name.js` when running built. Running from TypeScript sources (tsx scripts, vitest, benchmarks) it is `name.ts`,
 * which a worker thread cannot load by itself: on Node 20 it does not inherit the TypeScript loader of the thread
 * that starts it. There the worker starts from a one-line module that registers tsx (a development dependency),
 * loads `name.ts` and its imports, and unregisters it again, so that what the worker loads later (pdfjs, 3 MB of
 * JavaScript) is not sent through the loader. The built CLI never takes that path and does not need tsx.
 */
export function workerEntry(callerUrl: string, name: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  // tsx's ESM API (its `import` condition: the CommonJS twin cannot register hooks from a worker).
  const api = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const worker = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import { register } from ${JSON.stringify(api)}; const unregister = register(); await import(${JSON.stringify(worker)}); await unregister();`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
