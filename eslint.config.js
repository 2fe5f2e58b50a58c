// @ts-check
import tseslint from 'typescript-eslint';

/**
 * The layers and what each may import (dependencies point inward; README "How it is built"):
 * domain ← text ← countries ← ingest ← store ← analysis ← views ← web, cli. A layer lists the layers it must not import.
 */
const LAYERS = {
  domain: ['text', 'countries', 'ingest', 'store', 'analysis', 'views', 'web', 'cli'],
  text: ['countries', 'ingest', 'store', 'analysis', 'views', 'web', 'cli'],
  countries: ['ingest', 'store', 'analysis', 'views', 'web', 'cli'],
  ingest: ['store', 'analysis', 'views', 'web', 'cli'],
  store: ['analysis', 'views', 'web', 'cli'],
  analysis: ['views', 'web', 'cli'],
  views: ['web', 'cli'],
  web: ['cli'],
  cli: [],
};

/**
 * What the CLI may use of the web layer to serve it (`serve`: the app, its public address and Node's own errors)
 * or to write it out as files (`export`: site/exportSite renders every address through the app).
 */
const WEB_SERVING = ['app', 'publicUrl', 'clientErrors', 'site/exportSite'];

const layerRules = Object.entries(LAYERS).map(([layer, forbidden]) => {
  const patterns = forbidden.map((other) => ({
    // A relative import that climbs out of this layer's folder into `other`'s (`../store/…`, `../../store/…`).
    regex: `^(\\.\\./)+${other}/`,
    message: `src/${layer} must not import src/${other}: dependencies point inward (domain ← text ← countries ← ingest ← store ← analysis ← views ← web, cli).`,
  }));
  // The CLI and web are the outermost layers: the CLI reaches into the web layer only to serve it.
  if (layer === 'cli') {
    patterns.push({
      regex: `^(\\.\\./)+web/(?!(?:${WEB_SERVING.join('|')})\\.js$)`,
      message: `src/cli may use the web layer only to serve or export it (web/${WEB_SERVING.join(', web/')}); shared read models belong below both.`,
    });
  }
  return {
    files: [`src/${layer}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test/screenshots/', 'coverage/', '*.db*', '.scratch/', '**/*.tmp.ts', 'bench/_*.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  ...layerRules,
);
