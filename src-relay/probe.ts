// `node src-relay/probe.ts`: the container's health check. Asks this instance's /healthz on
// RELAY_PORT (HTTPS when RELAY_TLS_CERT is set) and exits 0 when it answers 200, 1 otherwise.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const port = Number(process.env.RELAY_PORT ?? 8787);
const tls = Boolean(process.env.RELAY_TLS_CERT);
// The certificate names the public host, not 127.0.0.1: the probe checks liveness, not identity.
const req = (tls ? httpsRequest : httpRequest)({ host: '127.0.0.1', port, path: '/healthz', timeout: 4000, rejectUnauthorized: false }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
req.end();
