// The server's public entry points; other modules are imported by path (`@vangnet/server/db/open-database`).
export type { ActivePack } from './active-pack.ts';
export { type AppDeps, buildApp } from './app.ts';
export type { Limits } from './app-deps.ts';
export type { BlobStore } from './blobs/blob-store.ts';
export { LocalDiskBlobStore } from './blobs/local-disk-blob-store.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { DataDirInUseError } from './db/data-dir-lock.ts';
export { type Db, openDatabase } from './db/open-database.ts';
export { Problem } from './http/problem.ts';
export { type RunningServer, type StartServerOptions, startServer } from './server.ts';
