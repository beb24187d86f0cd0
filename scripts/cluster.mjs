#!/usr/bin/env node
// `npm run cluster`: the test topology of a national instance on this machine, on loopback: REPLICAS
// server processes (default 3) on one PostgreSQL database and one shared data folder, behind a small
// reverse proxy with health checks (scripts/cluster/). For trying replicas, failover and load; it is
// not a deployment (see docs/operating-at-scale.md and deploy/).
//
//   DATABASE_URL   the cluster's database (default: postgres://postgres@127.0.0.1:5432/vangnet_cluster,
//                  created when missing)
//   DATA_DIR       the folder the replicas share (default ./data-cluster): signing key, evidence
//   PORT           the proxy's port (default 8080)
//   REPLICAS       how many server processes (default 3)
// Every other variable (COUNTRY_PACK, BLOB_STORE_URL, REDIS_URL, …) reaches every replica.
import { resolve } from 'node:path';
import pg from 'pg';
import { buildEverythingStale } from './build-stale.mjs';
import { startCluster } from './cluster/cluster.ts';

const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/vangnet_cluster';
const replicas = Number(process.env.REPLICAS || 3);
const port = Number(process.env.PORT || 8080);
const dataDir = resolve(process.env.DATA_DIR || './data-cluster');

/** Creates the database named in the URL when it does not exist yet (the server creates the tables). */
async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

await buildEverythingStale();
await ensureDatabase(databaseUrl);
const cluster = await startCluster({
  replicas,
  port,
  databaseUrl,
  dataDir,
  env: { DEMO_LOGIN: process.env.DEMO_LOGIN ?? '1' },
});
console.log(
  [
    '',
    `Vangnet cluster: ${replicas} replicas behind ${cluster.url}`,
    ...cluster.replicas.map((r) => `  ${r.name}  http://${r.host}:${r.port}`),
    `  database     ${new URL(databaseUrl).pathname.slice(1)} on ${new URL(databaseUrl).host}`,
    `  shared data  ${dataDir} (demo login in demo-login.txt)`,
    '',
    'Stop with Ctrl+C.',
    '',
  ].join('\n'),
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cluster.stop().then(() => process.exit(0));
  });
}
