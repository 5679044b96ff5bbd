import { z } from 'zod';

/**
 * Production confirmation travels with the input of every mutation: it names the profile the
 * operator confirmed, so a confirmation given before a profile switch cannot authorise a write
 * on the new profile.
 */
export const Confirmation = z.strictObject({ profileId: z.string().min(1).max(64) }).optional();

export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  channel: string;
  input: I;
  output: O;
  /** Mutations are audited once each. */
  mutation: boolean;
  /** True when the operation changes OMS state: on a production profile it needs `confirm`. */
  confirmOnProduction: boolean;
  doc: string;
}

type WithConfirm<I extends z.ZodType> = I extends z.ZodObject<infer S>
  ? z.ZodObject<S & { confirm: typeof Confirmation }, z.core.$strict>
  : I;

/** A read-only operation. */
export function query<I extends z.ZodObject, O extends z.ZodType>(channel: string, doc: string, input: I, output: O): Operation<I, O> {
  return { channel, doc, input: input.strict() as unknown as I, output, mutation: false, confirmOnProduction: false };
}

/**
 * A state-changing operation: its input gains the optional production `confirm` field.
 * `scope: 'local'` marks changes to the console's own state (settings, webhook inbox), and
 * `scope: 'no-money'` OMS writes that move no money and change no customer (pricing a quote):
 * both are audited but need no production confirmation.
 */
export function mutation<I extends z.ZodObject, O extends z.ZodType>(
  channel: string,
  doc: string,
  input: I,
  output: O,
  scope: 'oms' | 'local' | 'no-money' = 'oms',
): Operation<WithConfirm<I>, O> {
  const withConfirm = input.extend({ confirm: Confirmation }).strict();
  return { channel, doc, input: withConfirm as unknown as WithConfirm<I>, output, mutation: true, confirmOnProduction: scope === 'oms' };
}

export type InputOf<Op> = Op extends Operation<infer I, z.ZodType> ? z.input<I> : never;
export type OutputOf<Op> = Op extends Operation<z.ZodType, infer O> ? z.output<O> : never;
export type ParsedInputOf<Op> = Op extends Operation<infer I, z.ZodType> ? z.output<I> : never;

/** Empty input for operations that take nothing. */
export const NoInput = z.object({});
