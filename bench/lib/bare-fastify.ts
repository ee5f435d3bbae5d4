// The baseline: a minimal Fastify app (same Fastify as the server, no plugins, no logger, no database) that
// answers the enterprise-list URL with a body captured from the real API. Run as a child process:
//   node --import tsx bench/lib/bare-fastify.ts --port 4000 --body /tmp/body.json [--route /api/v1/progress]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

const BARE_ROUTE = '/api/v1/enterprises';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      body: { type: 'string' },
      route: { type: 'string', default: BARE_ROUTE },
    },
  });
  if (!values.port || !values.body) throw new Error('usage: bare-fastify.ts --port N --body FILE');
  const body = readFileSync(values.body, 'utf8');
  const app = Fastify({ logger: false });
  app.get(values.route ?? BARE_ROUTE, (_request, reply) => {
    reply.type('application/json; charset=utf-8').send(body);
  });
  await app.listen({ port: Number(values.port), host: values.host });
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
