import { describe, expect, it } from 'vitest';
import { contract } from '#shared/ipc/registry.ts';
import { callWords, cancelledWords, nameCustomersWith } from '../../../src-renderer/src/lib/call-words.ts';

describe('waiting calls in the user’s words', () => {
  const channels = Object.values(contract).flatMap((ops) => Object.values(ops).map((op) => op.channel));

  it('every operation has its own words, none a channel name or the fallback', () => {
    expect(channels.length).toBeGreaterThan(50);
    for (const channel of channels) {
      const words = callWords(channel, {});
      expect(words, channel).not.toBe('Waiting for the console');
      expect(words, channel).not.toContain('.');
      expect(words, channel).toMatch(/^[A-Z]/);
    }
  });

  it('names a customer the console already knows, and says a cancel was the user’s choice', () => {
    nameCustomersWith((id) => (id === 'cst_1' ? 'Dora Docs' : null));
    expect(callWords('customers.get', { customerId: 'cst_1' })).toBe('Loading Dora Docs');
    expect(callWords('customers.get', { customerId: 'cst_2' })).toBe('Loading the customer');
    const words = cancelledWords('Loading Dora Docs');
    expect(words).toBe('You stopped loading Dora Docs. Nothing more will change on screen; try again when you are ready.');
    expect(words).not.toMatch(/TIMEOUT|in time/);
  });
});
