// The start-up bench's reference: bare Fastify answering /healthz, nothing else loaded. It prints the
// same ready line as the server, so both are started and timed the same way.
import Fastify from 'fastify';

const app = Fastify();
app.get('/healthz', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`VANGNET_READY ${JSON.stringify({ url: address })}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
