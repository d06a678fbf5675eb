import { Logger } from '@nestjs/common';
import Fastify, { FastifyInstance } from 'fastify';
import { installAuthFailureLimit } from '../auth/auth-failure.limiter';
import { installSecurityHeaders } from '../http/security-headers';
import { OpsRoutesOptions, registerOpsRoutes } from './ops-routes';

/**
 * The internal operations server on OPS_PORT: /metrics and /ops only, for Prometheus and the
 * operators' network, never the public load balancer. It binds every interface (Prometheus in
 * another container must reach it); what keeps it internal is not publishing the port.
 */
export async function startOpsServer(port: number, options: OpsRoutesOptions): Promise<FastifyInstance> {
  const server = Fastify({ logger: false, return503OnClosing: true, forceCloseConnections: true });
  installSecurityHeaders(server);
  installAuthFailureLimit(server, options.authFailures);
  await registerOpsRoutes(server, options);
  server.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'This is the operations port: /metrics, /ops/queues and /ops/queues/health', details: [] } }),
  );
  await server.listen({ port, host: '0.0.0.0' });
  new Logger('OpsServer').log({ msg: `operations server (/metrics, /ops) listening on :${port}`, opsPort: port });
  return server;
}
