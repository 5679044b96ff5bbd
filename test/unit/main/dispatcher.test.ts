import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mutation, query, type Operation } from '#shared/ipc/operation.ts';
import { operations } from '#shared/ipc/registry.ts';
import { createDispatcher, type DispatcherDeps } from '../../../src-main/ipc/dispatcher.ts';
import type { AuditEntry } from '../../../src-main/store/audit-log.ts';
import { AppFailure } from '../../../src-main/lib/app-failure.ts';
import { OmsError } from '../../../src-main/oms/oms-error.ts';
import type { Handlers } from '../../../src-main/ipc/handlers.ts';

const caller = { transport: 'test' as const, origin: 'test' };
const SECRET = 'sk_live_CANARY_canary_1234567890';

// A small contract of its own, so each behaviour is pinned without depending on real services.
const ops = new Map<string, Operation>([
  ['demo.echo', query('demo.echo', 'Echoes a name.', z.object({ name: z.string().max(5), n: z.number().int().optional() }), z.object({ name: z.string() }))],
  ['demo.boom', query('demo.boom', 'Always throws.', z.object({}), z.object({}))],
  ['demo.drift', query('demo.drift', 'Returns the wrong shape.', z.object({}), z.object({ count: z.number() }))],
  ['demo.write', mutation('demo.write', 'Writes something.', z.object({ customerId: z.string(), email: z.string().optional() }), z.object({ done: z.boolean() }))],
  ['demo.fail', mutation('demo.fail', 'Fails a write.', z.object({ customerId: z.string() }), z.object({}))],
]);

function setup(overrides: Partial<DispatcherDeps> = {}) {
  const audits: AuditEntry[] = [];
  const logs: string[] = [];
  let profile = { id: 'local', kind: 'local' };
  const handlers = {
    demo: {
      echo: async (i: { name: string }) => ({ name: i.name }),
      boom: async () => {
        throw new Error(`upstream said: bad key ${SECRET}\n    at secretFunction (/home/x.ts:1:1)`);
      },
      drift: async () => ({ count: 'three' }),
      write: async () => ({ done: true }),
      fail: async () => {
        throw new AppFailure('OMS_ERROR', 'OMS refused: endorsement_required', { status: 422 });
      },
    },
  } as unknown as Handlers;
  const dispatch = createDispatcher({
    handlers,
    activeProfile: () => profile,
    audit: (e) => audits.push(e),
    log: (l) => logs.push(l),
    operations: ops,
    ...overrides,
  });
  return { dispatch, audits, logs, setProfile: (p: typeof profile) => (profile = p) };
}

describe('dispatcher', () => {
  it('returns data for valid input', async () => {
    const { dispatch } = setup();
    expect(await dispatch('demo.echo', { name: 'ann' }, caller)).toEqual({ ok: true, data: { name: 'ann' } });
  });

  it('answers INVALID_INPUT naming the field for a wrong type, an oversized string or an unknown field', async () => {
    const { dispatch } = setup();
    const wrongType = await dispatch('demo.echo', { name: 42 }, caller);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!wrongType.ok && wrongType.error.message).toContain('name');
    expect(!wrongType.ok && wrongType.error.details).toEqual({ fields: [expect.objectContaining({ path: 'name' })] });
    const tooLong = await dispatch('demo.echo', { name: 'abcdefgh' }, caller);
    expect(!tooLong.ok && tooLong.error.details).toEqual({ fields: [expect.objectContaining({ path: 'name' })] });
    const unknown = await dispatch('demo.echo', { name: 'a', extra: true }, caller);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!unknown.ok && unknown.error.message).toContain('extra');
  });

  it('answers UNKNOWN_CHANNEL for a channel not in the registry, whatever its type', async () => {
    const { dispatch } = setup();
    expect(await dispatch('demo.nope', {}, caller)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(42 as unknown as string, {}, caller)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('turns a thrown error into INTERNAL without its message, secret or stack', async () => {
    const { dispatch, logs } = setup();
    const r = await dispatch('demo.boom', {}, caller);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const text = JSON.stringify(r);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('secretFunction');
    expect(text).not.toContain('upstream said');
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('carries an expected failure through with its code and details', async () => {
    const { dispatch } = setup();
    expect(await dispatch('demo.fail', { customerId: 'cst_1' }, caller)).toEqual({
      ok: false,
      error: { code: 'OMS_ERROR', message: 'OMS refused: endorsement_required', details: { status: 422 } },
    });
  });

  it('always parses output: drift is an INTERNAL error, never passed through', async () => {
    const on = await setup().dispatch('demo.drift', {}, caller);
    expect(on).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!on.ok && on.error.message).toContain('output drift');
  });

  it('maps an OMS error in one place, keeping OMS field issues as details.fields', async () => {
    const handlers = {
      demo: {
        write: async () => {
          throw new OmsError('http', 'OMS refused the customer: birthDate is invalid', {
            status: 400,
            omsCode: 'invalid_request',
            requestId: 'req_1',
            issues: [{ path: 'birthDate', message: 'must be a date in the past' }],
          });
        },
      },
    } as unknown as Handlers;
    const r = await setup({ handlers }).dispatch('demo.write', { customerId: 'cst_1' }, caller);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'OMS refused the customer: birthDate is invalid',
        details: { status: 400, omsCode: 'invalid_request', requestId: 'req_1', fields: [{ path: 'birthDate', message: 'must be a date in the past' }] },
      },
    });
  });

  it('audits only validated, bounded targets: a 200,000-char id or an email typed as an id is never stored', async () => {
    const { dispatch, audits } = setup();
    await dispatch('demo.write', { customerId: 'x'.repeat(200_000) }, caller);
    await dispatch('demo.write', { customerId: 'ann@example.com' }, caller);
    // demo.write's schema takes any string: the target is still cut to 100 characters.
    expect(audits[0]!.target!.length).toBeLessThanOrEqual(100);
    expect(audits[0]!.inputSummary.length).toBeLessThan(200);
    expect(audits[1]!.target).toBe('[email]');
    // Through the real registry an oversized id fails validation and no target is stored at all.
    const real = setup({ operations, handlers: {} as Handlers });
    await real.dispatch('settings.deleteProfile', { profileId: 'p'.repeat(200_000) }, caller);
    expect(real.audits).toHaveLength(1);
    expect(real.audits[0]!.target).toBeNull();
    expect(real.audits[0]!.result).toBe('INVALID_INPUT');
  });

  it('writes exactly one audit row per mutation, failed and invalid ones included, none for queries', async () => {
    const { dispatch, audits } = setup();
    await dispatch('demo.echo', { name: 'a' }, caller);
    await dispatch('demo.write', { customerId: 'cst_1', email: 'ann@example.com' }, caller);
    await dispatch('demo.fail', { customerId: 'cst_2' }, caller);
    await dispatch('demo.write', { customerId: 'cst_3', bogus: 1 }, caller);
    expect(audits.map((a) => [a.action, a.target, a.result])).toEqual([
      ['demo.write', 'cst_1', 'ok'],
      ['demo.fail', 'cst_2', 'OMS_ERROR'],
      ['demo.write', null, 'INVALID_INPUT'],
    ]);
    expect(audits[0]!.inputSummary).not.toContain('ann@example.com');
  });

  it('refuses a production mutation without a confirmation naming that profile', async () => {
    const { dispatch, setProfile } = setup();
    setProfile({ id: 'production', kind: 'production' });
    expect(await dispatch('demo.write', { customerId: 'cst_1' }, caller)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(await dispatch('demo.write', { customerId: 'cst_1', confirm: { profileId: 'staging' } }, caller)).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect(await dispatch('demo.write', { customerId: 'cst_1', confirm: { profileId: 'production' } }, caller)).toEqual({ ok: true, data: { done: true } });
    expect(await dispatch('demo.echo', { name: 'q' }, caller)).toMatchObject({ ok: true });
  });

  it('has a handler slot for every registered channel in the real registry (UNKNOWN_CHANNEL otherwise)', async () => {
    const { dispatch } = setup({ operations, handlers: {} as Handlers });
    const first = [...operations.keys()][0]!;
    expect(await dispatch(first, {}, caller)).toMatchObject({ ok: false });
  });
});
