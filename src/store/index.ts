export * from './types.js';
export { openStore, defaultDbPath, storePath, resolveDbPath, DB_ENV_VAR, DEFAULT_DB_FILE, MEMORY_DB } from './open.js';
export type { OpenStoreOptions } from './open.js';
export { openSqliteStore, SqliteStore } from './sqlite/SqliteStore.js';
export type { SqliteStoreOptions } from './sqlite/SqliteStore.js';
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from './sqlite/migrations.js';
export type { Migration } from './sqlite/migrations.js';
export { DEFAULT_DATA_DIR, readShippedData } from './shippedData.js';
export type { ShippedData, ShippedPlacement, ShippedReportYear } from './shippedData.js';
