// `npm start` runs this through apps/server/bin/vangnet-server.mjs, which checks the Node.js version
// first. Configuration comes from the environment only.
import { ConfigError, loadConfig } from './config.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { DatabaseUnreachableError } from './db/open-database.ts';
import { startServer } from './server.ts';

try {
  const config = loadConfig(process.env);
  const server = await startServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    databaseStartTimeoutSeconds: config.databaseStartTimeoutSeconds,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    countryPackDir: config.countryPackDir,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    ...(config.demoLogin !== undefined ? { demoLogin: config.demoLogin } : {}),
    ...(config.blobStoreUrl ? { blobStoreUrl: config.blobStoreUrl } : {}),
    ...(config.metrics ? { metrics: config.metrics } : {}),
  });
  // One machine-readable line for scripts/start.mjs, which prints the friendly version. stdout is a
  // log stream (systemd, docker): it names the demo login's file, never the password or TOTP secret.
  console.log(
    `VANGNET_READY ${JSON.stringify({ url: server.url, demoLoginFile: server.demoLoginFile ?? null })}`,
  );
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof DatabaseUnreachableError
  ) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
