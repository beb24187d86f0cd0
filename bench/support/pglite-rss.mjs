// PGlite alone on an existing folder: resident memory after the first query, with PostgreSQL's
// default shared_buffers (128MB, what initdb writes) or the server's 16MB. Prints one PGLITE line.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const [dir, sharedBuffers] = process.argv.slice(2);
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
const before = rssMiB();
const startParams = sharedBuffers
  ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`]
  : PGlite.defaultStartParams;
const db = await PGlite.create(dir, { startParams });
await db.query('select count(*) from pg_class');
const wasmHeapMiB = db.mod?.HEAPU8?.length ?? Number.NaN;
console.log(`PGLITE ${JSON.stringify({ before, after: rssMiB(), wasmHeapMiB: wasmHeapMiB / 2 ** 20 })}`);
await db.close();
