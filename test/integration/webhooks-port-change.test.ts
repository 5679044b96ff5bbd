import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSecrets } from '../../src-main/webhooks/local-registration.ts';
import { envelope, post, settle, signed, tempDir, type Console } from '../unit/main/webhooks/harness.ts';
import { freePort, startRig, type Rig } from './webhooks-support.ts';

/**
 * The local profile restarted on another webhook port registers a new endpoint with the sandbox;
 * deliveries already signed with the old endpoint's secret (a relay's backlog) must still verify.
 */
describe('webhook secret across a listener port change', () => {
  let tmp: ReturnType<typeof tempDir>;
  let rig: Rig;
  let c: Console | null = null;
  beforeAll(async () => {
    tmp = tempDir();
    rig = await startRig(`${tmp.dir}/sandbox`);
  });
  afterAll(async () => {
    await c?.stop();
    await rig?.sandbox.close();
    tmp.remove();
  });

  const started = async (port: number) => {
    const con = await rig.startConsole(`${tmp.dir}/console`, { defaultPort: port });
    await con.subsystem.registration;
    return con;
  };

  it('a backlog signed with the previous port endpoint secret verifies after the move', async () => {
    c = await started(await freePort());
    const [oldSecret] = await profileSecrets(rig.keychain, 'local');
    expect(oldSecret).toMatch(/^whsec_/);
    await c.stop();

    c = await started(await freePort());
    const hooks = (await rig.webhooks.list()).filter((h) => h.url.endsWith('/webhooks/oms'));
    // One endpoint, on the new port: the old one is gone from the sandbox.
    expect(hooks.map((h) => h.url)).toEqual([c.subsystem.status().url]);

    const body = envelope('evt_backlog_1', 'customer.updated', 'cst_backlog');
    expect((await post(c, signed('evt_backlog_1', body, { secret: oldSecret! }), body)).status).toBe(200);
    await settle(c);
    const [row] = c.subsystem.inbox.list({ customerId: 'cst_backlog' }).items;
    expect(row).toMatchObject({ verdict: 'verified' });
  });

  it('only the newest few retired secrets are kept', async () => {
    for (let i = 0; i < 4; i += 1) {
      await c!.stop();
      c = await started(await freePort());
    }
    const accounts = await rig.keychain.list('local/webhook/');
    expect(accounts.filter((a) => a.includes('retired'))).toHaveLength(3);
    expect(accounts.filter((a) => !a.includes('retired'))).toHaveLength(1);
  });
});
