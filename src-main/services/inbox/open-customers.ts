import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { OpenCustomers } from '../../webhooks/listener-health.ts';

/**
 * A renderer loading a customer (`customers.get`) is the signal that the user has it open: those
 * are the customers a (re)connect reconciles. No contract change needed.
 */
export function trackOpenCustomers(h: DomainHandlers<'customers'>, open: OpenCustomers): DomainHandlers<'customers'> {
  return {
    ...h,
    get: async (input, ctx) => {
      const out = await h.get(input, ctx);
      open.touch(input.customerId);
      return out;
    },
  };
}
