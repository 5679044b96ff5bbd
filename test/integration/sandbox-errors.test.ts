/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import type { Client} from '../unit/sandbox/support/harness.ts';
import { FULL_CUSTOMER, setup } from '../unit/sandbox/support/harness.ts';

describe('error paths use the contract envelope and name the problem', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup()));
  afterAll(() => sb.close());

  function expectEnvelope(r: { status: number; headers: Headers; body: any }, status: number, code: string, messageIncludes?: string) {
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.requestId).toMatch(/^req_/);
    expect(r.headers.get('request-id')).toBe(r.body.error.requestId);
    if (messageIncludes) expect(r.body.error.message).toContain(messageIncludes);
  }

  it('malformed JSON → 400', async () => {
    const r = await api.raw('POST', '/customers', { rawBody: '{"type": "individual",', headers: { 'Content-Type': 'application/json' } });
    expectEnvelope(r, 400, 'invalid_request', 'Malformed JSON');
  });

  it('wrong types, bad formats and unknown fields → 400 naming each field path', async () => {
    const r = await api.post('/customers', {
      type: 'individual',
      firstName: 42,
      phone: '555-1234',
      residentialAddress: { line1: 'x', city: 'y', country: 'USA' },
      identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '1', colour: 'red' }],
      nickname: 'Ada',
    });
    expectEnvelope(r, 400, 'invalid_request');
    const paths = r.body.error.details.issues.map((i: any) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['firstName', 'phone', 'residentialAddress.country', 'identifyingInformation[0].colour', 'nickname']));
    expect(r.body.error.message).toContain('residentialAddress.country');
  });

  it('body that is not an object, or missing → 400', async () => {
    expectEnvelope(await api.post('/customers', [1, 2]), 400, 'invalid_request', 'JSON object');
    expectEnvelope(await api.raw('POST', '/customers', {}), 400, 'invalid_request', 'body is required');
  });

  it('unknown ids → 404 for each resource', async () => {
    expectEnvelope(await api.get('/customers/cst_nope'), 404, 'not_found', 'cst_nope');
    expectEnvelope(await api.patch('/customers/cst_nope', { firstName: 'x' }), 404, 'not_found');
    expectEnvelope(await api.get('/wallets/wlt_nope/balance'), 404, 'not_found', 'wlt_nope');
    expectEnvelope(await api.get('/accounts/wlt_nope/transactions'), 404, 'not_found');
    expectEnvelope(await api.get('/webhooks/whk_nope'), 404, 'not_found');
    expectEnvelope(await api.post('/customers/cst_nope/wallets', { asset: 'usdc', chain: 'polygon' }), 404, 'not_found');
  });

  it('oversized body → 413', async () => {
    const r = await api.raw('POST', '/customers', { rawBody: JSON.stringify({ type: 'individual', firstName: 'x'.repeat(1024 * 1024 + 10) }), headers: { 'Content-Type': 'application/json' } });
    expectEnvelope(r, 413, 'payload_too_large');
  });

  it('unknown routes → 404, wrong method → 405 with Allow', async () => {
    expectEnvelope(await api.get('/nothing-here'), 404, 'not_found', 'No route');
    expectEnvelope(await api.raw('GET', '/../elsewhere'), 404, 'not_found');
    const r = await api.raw('PUT', '/customers');
    expectEnvelope(r, 405, 'method_not_allowed');
    expect(r.headers.get('allow')).toContain('POST');
    expectEnvelope(await ctl.raw('GET', '/reset'), 405, 'method_not_allowed');
    expectEnvelope(await ctl.get('/no-such-control'), 404, 'not_found');
  });

  it('missing Idempotency-Key on POST → 400', async () => {
    expectEnvelope(await api.raw('POST', '/customers', { body: { type: 'individual' }, idem: false }), 400, 'invalid_request', 'Idempotency-Key');
  });

  it('bad query parameters → 400 naming them', async () => {
    expectEnvelope(await api.get('/customers?limit=0'), 400, 'invalid_request', 'query.limit');
    expectEnvelope(await api.get('/customers?limit=abc'), 400, 'invalid_request', 'query.limit');
    expectEnvelope(await api.get('/customers?endorsement=usd'), 400, 'invalid_request', 'query.endorsement');
    expectEnvelope(await api.get('/customers?colour=red'), 400, 'invalid_request', 'query.colour');
    expectEnvelope(await api.get('/customers?cursor=garbage'), 400, 'invalid_request', 'query.cursor');
    expectEnvelope(await api.get('/customers?createdAfter=yesterday'), 400, 'invalid_request', 'query.createdAfter');
  });

  it('a refused request writes nothing: no customer, no wallet, no event', async () => {
    const before = (await ctl.get('/events?limit=1000')).body.data.length;
    const r = await api.post('/customers', { ...FULL_CUSTOMER, birthDate: '1990-02-31' });
    expectEnvelope(r, 400, 'invalid_request', 'birthDate');
    const c = await api.post('/customers', { type: 'individual', firstName: 'Solo' });
    const afterCreate = (await ctl.get('/events?limit=1000')).body.data.length;
    expect(afterCreate).toBe(before + 1); // only customer.created for the valid one
    const w = await api.post(`/customers/${c.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' });
    expectEnvelope(w, 422, 'endorsement_required');
    expect((await api.get(`/customers/${c.body.id}/wallets`)).body.data).toEqual([]);
    expect((await ctl.get('/events?limit=1000')).body.data.length).toBe(afterCreate);
  });

  it('wallet: bad asset → 400, duplicate asset+chain → 409', async () => {
    const c = await api.post('/customers', FULL_CUSTOMER);
    await ctl.post(`/customers/${c.body.id}/endorsements/basic/decision`, { decision: 'approve' });
    await ctl.post(`/customers/${c.body.id}/endorsements/cryptoCustody/decision`, { decision: 'approve' });
    expectEnvelope(await api.post(`/customers/${c.body.id}/wallets`, { asset: 'doge', chain: 'polygon' }), 400, 'invalid_request', 'asset');
    expect((await api.post(`/customers/${c.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' })).status).toBe(201);
    expectEnvelope(await api.post(`/customers/${c.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' }), 409, 'conflict');
  });

  it('control API validates too, and paths outside the base path 404', async () => {
    expectEnvelope(await ctl.post('/wallets/wlt_x/deposit', { amount: '-3' }), 400, 'invalid_request', 'amount');
    expectEnvelope(await ctl.raw('PUT', '/review-mode', { body: { mode: 'sometimes' } }), 400, 'invalid_request', 'mode');
    expectEnvelope(await ctl.raw('PUT', '/faults', { body: { rules: [{ action: 'error', path: '([' }] } }), 400, 'invalid_request', 'rules[0].path');
    const r = await fetch(`${sb.origin}/v1/customers`);
    expect(r.status).toBe(404);
  });
});
