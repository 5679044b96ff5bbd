import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, renamedHash, sectionNamed } from '../../../src-renderer/src/lib/hash-route.ts';

describe('hash routes carry the screen query', () => {
  it('reads and writes the query after the path, so a copied link restores a search', () => {
    const hash = formatHash({ section: 'customers', query: { q: 'ada@example.com status:active' } });
    expect(hash).toBe('#/customers?q=ada%40example.com+status%3Aactive');
    expect(parseHash(hash)).toEqual({ section: 'customers', rest: [], query: { q: 'ada@example.com status:active' } });
    expect(parseHash('#/reviews/cst_1?x=1')).toEqual({ section: 'reviews', rest: ['cst_1'], query: { x: '1' } });
  });

  it('never throws on a malformed or oversized query', () => {
    expect(typeof parseHash('#/customers?q=%E0%A4%A').query.q).toBe('string');
    expect(parseHash(`#/customers?q=${'a'.repeat(5000)}`).query.q!.length).toBeLessThanOrEqual(500);
    expect(formatHash({ section: 'customers', query: { q: '' } })).toBe('#/customers');
  });
});

describe('a former section name still opens its screen', () => {
  it('reads #/events as the inbox, keeping the rest and the query', () => {
    expect(parseHash('#/events?type=customer')).toEqual({ section: 'inbox', rest: [], query: { type: 'customer' } });
    expect(renamedHash('#/events/42?type=customer')).toBe('#/inbox/42?type=customer');
    expect(renamedHash('#events')).toBe('#/inbox');
    expect(sectionNamed('events')).toBe('inbox');
  });

  it('leaves current names and unknown words alone', () => {
    expect(renamedHash('#/inbox')).toBeNull();
    expect(renamedHash('#/eventsx')).toBeNull();
    expect(renamedHash('#/toString')).toBeNull();
    expect(sectionNamed('toString')).toBeNull();
    expect(parseHash('#/constructor').section).toBe('customers');
  });
});
