import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { Router } from '../router.ts';
import { parseBody } from '../validate.ts';
import { ok, type ApiRoute } from './route-types.ts';

const tokenSchema = z.strictObject({
  apiKey: z.string().min(1, 'must not be empty'),
  apiSecret: z.string().min(1, 'must not be empty'),
});

/**
 * POST /auth/token takes no bearer token and (decision) no Idempotency-Key: it has no API-key scope
 * before it succeeds, and replaying a token response would hand out a stored credential.
 */
export function registerAuthRoutes(router: Router<ApiRoute>, auth: Auth, onExchange: () => void): void {
  router.add('POST', '/auth/token', {
    auth: false,
    idempotent: false,
    handler: ({ body }) => {
      const input = parseBody(tokenSchema, body);
      const token = auth.exchange(input.apiKey, input.apiSecret);
      onExchange();
      return ok(token, 200);
    },
  });
}
