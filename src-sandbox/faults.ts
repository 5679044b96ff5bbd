import { z } from 'zod';
import { ApiError } from './http-util.ts';

/** Fault injection for QA and client tests (contract §8). Held in memory: a restart clears it. */
export const faultRuleSchema = z.strictObject({
  method: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  action: z.enum(['error', 'errorAfterCommit', 'rateLimit', 'hang', 'latency', 'malformed']),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSec: z.number().int().min(0).max(3600).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  times: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
  malformed: z
    .strictObject({ remove: z.array(z.string()).optional(), set: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});

export const webhookFaultsSchema = z.strictObject({
  duplicate: z.number().int().min(0).max(10).optional(),
  outOfOrder: z.boolean().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  timestampSkewSec: z.number().int().min(-86_400).max(86_400).optional(),
});

export const faultsSchema = z.strictObject({
  rules: z.array(faultRuleSchema).max(100).optional(),
  webhooks: webhookFaultsSchema.optional(),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type WebhookFaults = z.infer<typeof webhookFaultsSchema>;

interface ActiveRule {
  rule: FaultRule;
  regex: RegExp | null;
  remaining: number | null;
}

export class FaultState {
  private rules: ActiveRule[] = [];
  private rotation = 0;
  webhooks: WebhookFaults = {};

  /**
   * Extra hold for out-of-order mode: 600/400/200/0 ms in rotation, so events emitted close together
   * arrive reversed in groups of four (deterministic, unlike random jitter).
   */
  outOfOrderHoldMs(): number {
    if (!this.webhooks.outOfOrder) return 0;
    const hold = (3 - (this.rotation % 4)) * 200;
    this.rotation += 1;
    return hold;
  }

  set(input: z.infer<typeof faultsSchema>): void {
    const rules = (input.rules ?? []).map((rule, i) => {
      let regex: RegExp | null = null;
      if (rule.path !== undefined) {
        try {
          regex = new RegExp(rule.path);
        } catch (err) {
          throw new ApiError(400, `rules[${i}].path: not a valid regular expression (${(err as Error).message})`);
        }
      }
      return { rule, regex, remaining: rule.times ?? null };
    });
    this.rules = rules;
    this.webhooks = input.webhooks ?? {};
  }

  clear(): void {
    this.rules = [];
    this.webhooks = {};
  }

  describe(): unknown {
    return { rules: this.rules.map((r) => ({ ...r.rule, remaining: r.remaining })), webhooks: this.webhooks };
  }

  /** First matching rule that fires for this request; consumes one of its `times`. */
  pick(method: string, path: string): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining === 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (active.regex && !active.regex.test(path)) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      if (active.remaining !== null) active.remaining -= 1;
      return rule;
    }
    return undefined;
  }
}

/** Rewrites a JSON body as the `malformed` action asks; list responses are rewritten per item. */
export function applyMalformed(body: unknown, spec: FaultRule['malformed']): unknown {
  if (!spec || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const edit = (obj: Record<string, unknown>) => {
    const out = { ...obj };
    for (const key of spec.remove ?? []) delete out[key];
    return { ...out, ...(spec.set ?? {}) };
  };
  const obj = body as Record<string, unknown>;
  if (Array.isArray(obj.data)) {
    return { ...obj, data: obj.data.map((item) => (item && typeof item === 'object' ? edit(item as Record<string, unknown>) : item)) };
  }
  return edit(obj);
}
