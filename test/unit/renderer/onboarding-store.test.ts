import { describe, expect, it } from 'vitest';

/**
 * The onboarding wizard's store: where it is resumes after a reload, what was typed (PII) never
 * reaches storage. Storage is an in-memory stand-in for the page's localStorage.
 */
const saved = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (k: string) => saved.get(k) ?? null,
  setItem: (k: string, v: string) => void saved.set(k, v),
  removeItem: (k: string) => void saved.delete(k),
};
const { useOnboarding } = await import('../../../src-renderer/src/features/onboarding/onboarding.store.ts');
const stored = () => saved.get('oms-console.onboarding') ?? '';

describe('onboarding store', () => {
  it('keeps the step and ids for a reload, never what was typed', () => {
    useOnboarding.getState().setDraft('email', 'ada.lovelace@example.com');
    useOnboarding.getState().setDraft('lastName', 'Lovelace');
    useOnboarding.getState().created('cst_new');
    useOnboarding.getState().walletCreated('wlt_new');
    const s = JSON.parse(stored()) as { state: Record<string, unknown> };
    expect(s.state).toMatchObject({ step: 2, customerId: 'cst_new', walletId: 'wlt_new' });
    expect(stored()).not.toContain('ada.lovelace');
    expect(stored()).not.toContain('Lovelace');
    expect(Object.keys(s.state)).not.toContain('draft');
  });

  it('typing in a field clears only that field’s mark; creating clears the draft and the marks', () => {
    useOnboarding.getState().restart();
    useOnboarding.getState().setErrors({ email: 'not an email', phone: 'too short' }, 'oms');
    useOnboarding.getState().setDraft('email', 'ada@example.com');
    expect(useOnboarding.getState().errors).toEqual({ phone: 'too short' });
    expect(useOnboarding.getState().errorsFrom).toBe('oms');
    useOnboarding.getState().markRequested();
    useOnboarding.getState().created('cst_2');
    const s = useOnboarding.getState();
    expect([s.step, s.customerId, s.errors, s.draft.email, s.endorsementsRequested]).toEqual([2, 'cst_2', {}, '', false]);
  });

  it('restart forgets the customer and wallet, in memory and in storage', () => {
    useOnboarding.getState().created('cst_3');
    useOnboarding.getState().restart();
    expect(useOnboarding.getState()).toMatchObject({ step: 1, customerId: null, walletId: null });
    expect(JSON.parse(stored()).state).toMatchObject({ step: 1, customerId: null, walletId: null });
  });
});
