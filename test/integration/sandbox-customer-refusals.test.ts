import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import { OmsError, toAppFailure } from '../../src-main/oms/oms-error.ts';
import { taxIdProblem } from '../../src-sandbox/routes/customer-schemas.ts';
import { Client, FULL_CUSTOMER } from '../unit/sandbox/support/harness.ts';
import { KEY, SECRET, startTestSandbox, testClient } from './main-support/sandbox.ts';

/**
 * Fields only OMS can judge (oms-api.md §9): an externalId another customer holds, a US tax number
 * that cannot exist. Refused as 400 with field issues at the paths the console maps to its fields.
 */
describe('the sandbox refuses what only OMS can know, naming the field', () => {
  let sb: SandboxHandle;
  let api: Client;
  beforeAll(async () => {
    sb = await startTestSandbox();
    api = new Client(sb.baseUrl);
    await api.login({ apiKey: KEY, apiSecret: SECRET });
  });
  afterAll(() => sb.close());

  const ext = () => `crm-${randomUUID()}`;

  it('an externalId already held by another customer: 400 on create and on PATCH, with the holder named; nothing is created or changed', async () => {
    const externalId = ext();
    const first = await api.post('/customers', { ...FULL_CUSTOMER, externalId });
    expect(first.status).toBe(201);
    const before = (await api.get(`/customers?externalId=${externalId}`)).body.data.length;

    const dup = await api.post('/customers', { type: 'individual', firstName: 'Second', externalId });
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('invalid_request');
    expect(dup.body.error.details.issues).toEqual([{ path: 'externalId', message: `is already the externalId of customer ${first.body.id}` }]);
    expect((await api.get(`/customers?externalId=${externalId}`)).body.data).toHaveLength(before);

    const other = await api.post('/customers', { type: 'individual', firstName: 'Other', externalId: ext() });
    const patch = await api.patch(`/customers/${other.body.id}`, { externalId, firstName: 'Changed' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.issues[0].path).toBe('externalId');
    const after = (await api.get(`/customers/${other.body.id}`)).body;
    expect([after.firstName, after.externalId]).toEqual(['Other', other.body.externalId]);
  });

  it('a customer may keep (re-send) its own externalId, and a freed one can be taken', async () => {
    const externalId = ext();
    const c = (await api.post('/customers', { type: 'individual', externalId })).body;
    expect((await api.patch(`/customers/${c.id}`, { externalId, firstName: 'Same' })).status).toBe(200);
    expect((await api.patch(`/customers/${c.id}`, { externalId: ext() })).status).toBe(200);
    expect((await api.post('/customers', { type: 'individual', externalId })).status).toBe(201);
  });

  it('an SSN or ITIN that cannot exist: 400 at identifyingInformation[i].number, in words; a valid one is accepted', async () => {
    const withDoc = (doc: object) => ({ ...FULL_CUSTOMER, externalId: ext(), identifyingInformation: [{ type: 'passport', issuingCountry: 'GB', number: 'P1' }, doc] });
    const bad = await api.post('/customers', withDoc({ type: 'ssn', issuingCountry: 'US', number: '000-12-3456' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([{ path: 'identifyingInformation[1].number', message: 'is not an SSN: no SSN starts with 000, 666 or 9' }]);
    expect(bad.body.error.message).toBe('identifyingInformation[1].number: is not an SSN: no SSN starts with 000, 666 or 9');

    const abroad = await api.post('/customers', withDoc({ type: 'itin', issuingCountry: 'de', number: '912-70-1234' }));
    expect(abroad.body.error.details.issues).toEqual([{ path: 'identifyingInformation[1].issuingCountry', message: 'must be US: an ITIN is issued only by the US' }]);

    expect((await api.post('/customers', withDoc({ type: 'ssn', issuingCountry: 'US', number: '123 45 6789' }))).status).toBe(201);
    expect((await api.post('/customers', withDoc({ type: 'itin', issuingCountry: 'US', number: '912701234' }))).status).toBe(201);
    // Passports and driving licences follow each country's own rules: the sandbox leaves them be.
    expect((await api.post('/customers', withDoc({ type: 'driversLicense', issuingCountry: 'US', number: '000' }))).status).toBe(201);

    const c = (await api.post('/customers', { type: 'individual', nationality: 'US' })).body;
    const patch = await api.patch(`/customers/${c.id}`, { identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-00-4567' }] });
    expect(patch.body.error.details.issues).toEqual([{ path: 'identifyingInformation[0].number', message: 'is not an SSN: its middle two digits are never 00' }]);
  });

  it('the structure rules, one by one', () => {
    expect(taxIdProblem('ssn', '12-345-6789')).toBe('is not an SSN: it has 9 digits, written AAA-GG-SSSS');
    expect(taxIdProblem('ssn', '666-12-3456')).toMatch(/no SSN starts with/);
    expect(taxIdProblem('ssn', '923-12-3456')).toMatch(/no SSN starts with/);
    expect(taxIdProblem('ssn', '123-45-0000')).toBe('is not an SSN: its last four digits are never 0000');
    expect(taxIdProblem('ssn', '123456789')).toBeNull();
    expect(taxIdProblem('itin', '812-70-1234')).toBe('is not an ITIN: every ITIN starts with 9');
    for (const g of ['49', '66', '69', '89', '93']) expect(taxIdProblem('itin', `900-${g}-1234`)).toMatch(/middle two digits/);
    for (const g of ['50', '65', '70', '88', '90', '92', '94', '99']) expect(taxIdProblem('itin', `900-${g}-1234`)).toBeNull();
  });

  it('a taken externalId and an impossible SSN in one request: one 400 names both, on create and on PATCH; nothing is created or changed', async () => {
    const externalId = ext();
    const holder = (await api.post('/customers', { type: 'individual', externalId })).body;
    const impossible = [{ type: 'ssn', issuingCountry: 'US', number: '666-12-3456' }];
    const both = [
      { path: 'identifyingInformation[0].number', message: 'is not an SSN: no SSN starts with 000, 666 or 9' },
      { path: 'externalId', message: `is already the externalId of customer ${holder.id}` },
    ];
    const dup = await api.post('/customers', { ...FULL_CUSTOMER, externalId, identifyingInformation: impossible });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.issues).toEqual(both);
    expect(dup.body.error.message).toBe(both.map((i) => `${i.path}: ${i.message}`).join('; '));
    expect((await api.get(`/customers?externalId=${externalId}`)).body.data).toHaveLength(1);

    const other = (await api.post('/customers', { type: 'individual', firstName: 'Other', externalId: ext() })).body;
    const patch = await api.patch(`/customers/${other.id}`, { externalId, identifyingInformation: impossible, firstName: 'Changed' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.issues).toEqual(both);
    expect((await api.get(`/customers/${other.id}`)).body.firstName).toBe('Other');
  });

  it("through the console's OMS client the refusal becomes INVALID_INPUT with details.fields at OMS's paths", async () => {
    const customers = new CustomersApi(testClient(sb).client);
    const externalId = ext();
    const held = await customers.create({ type: 'individual', externalId }, randomUUID());
    let err: unknown;
    try {
      await customers.create({ type: 'individual', externalId, identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }] }, randomUUID());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OmsError);
    const failure = toAppFailure(err as OmsError);
    expect(failure.code).toBe('INVALID_INPUT');
    expect(failure.details).toMatchObject({ status: 400, omsCode: 'invalid_request', fields: [{ path: 'externalId', message: `is already the externalId of customer ${held.id}` }] });
  });
});
