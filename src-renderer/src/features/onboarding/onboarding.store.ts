import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import { EMPTY_DRAFT, type CustomerDraft } from './customer-form.ts';

export type Step = 1 | 2 | 3 | 4;

export interface OnboardingState {
  step: Step;
  customerId: string | null;
  walletId: string | null;
  /** What the create call asks OMS to request: null leaves the field out (OMS's default set). */
  createWith: EndorsementName[] | null;
  /** Endorsements were requested in this wizard run (the step's goal; Continue alone skips it). */
  endorsementsRequested: boolean;
  markRequested(): void;
  /** In memory only: the draft holds PII, so it is never written to storage. */
  draft: CustomerDraft;
  errors: Record<string, string>;
  /** Who found the marked fields: our own checks (nothing was sent) or OMS (sent and refused). */
  errorsFrom: 'console' | 'oms';
  go(step: Step): void;
  setDraft<K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]): void;
  setErrors(errors: Record<string, string>, from?: 'console' | 'oms'): void;
  created(customerId: string): void;
  setCreateWith(names: EndorsementName[] | null): void;
  walletCreated(walletId: string): void;
  restart(): void;
}

/** Wizard state; step and ids survive leaving the screen and a reload (resumable). */
export const useOnboarding = create<OnboardingState>()(
  persist(
    (set, get) => ({
      step: 1,
      customerId: null,
      walletId: null,
      createWith: null,
      endorsementsRequested: false,
      markRequested: () => set({ endorsementsRequested: true }),
      draft: EMPTY_DRAFT,
      errors: {},
      errorsFrom: 'console',
      go: (step) => set({ step }),
      setDraft: (key, value) => {
        const errors = { ...get().errors };
        delete errors[key];
        set({ draft: { ...get().draft, [key]: value }, errors });
      },
      setErrors: (errors, from = 'console') => set({ errors, errorsFrom: from }),
      created: (customerId) => set({ customerId, step: 2, errors: {}, draft: EMPTY_DRAFT, endorsementsRequested: false }),
      setCreateWith: (createWith) => set({ createWith }),
      walletCreated: (walletId) => set({ walletId }),
      restart: () => set({ step: 1, customerId: null, walletId: null, draft: EMPTY_DRAFT, errors: {}, endorsementsRequested: false }),
    }),
    {
      name: 'oms-console.onboarding',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ step: s.step, customerId: s.customerId, walletId: s.walletId, createWith: s.createWith, endorsementsRequested: s.endorsementsRequested }),
    },
  ),
);

export const selectStep = (s: OnboardingState) => s.step;
export const selectOnbCustomerId = (s: OnboardingState) => s.customerId;
export const selectDraft = (s: OnboardingState) => s.draft;
export const selectErrors = (s: OnboardingState) => s.errors;
export const selectErrorsFrom = (s: OnboardingState) => s.errorsFrom;
export const selectCreateWith = (s: OnboardingState) => s.createWith;
export const selectOnbWalletId = (s: OnboardingState) => s.walletId;
export const selectEndorsementsRequested = (s: OnboardingState) => s.endorsementsRequested;
