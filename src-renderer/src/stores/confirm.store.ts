import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  body: string;
  profileName: string;
  actionLabel: string;
}

interface ConfirmState {
  pending: (ConfirmRequest & { resolve: (ok: boolean) => void }) | null;
  ask(req: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

/** One confirmation at a time: the dialog the production guard shows before any OMS mutation. */
export const useConfirm = create<ConfirmState>((set, get) => ({
  pending: null,
  ask: (req) =>
    new Promise<boolean>((resolve) => {
      get().pending?.resolve(false);
      set({ pending: { ...req, resolve } });
    }),
  answer: (ok) => {
    const p = get().pending;
    set({ pending: null });
    p?.resolve(ok);
  },
}));

export const selectPendingConfirm = (s: ConfirmState) => s.pending;
export const selectAnswerConfirm = (s: ConfirmState) => s.answer;
