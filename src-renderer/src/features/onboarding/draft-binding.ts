import { createContext, useContext } from 'react';
import type { CustomerDraft } from './customer-form.ts';

/** Binds the customer fields to a draft: the wizard's store, or an edit form's own state. */
export interface DraftBinding {
  draft: CustomerDraft;
  errors: Record<string, string>;
  set<K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]): void;
  /** Element ids start with it, so two forms on one page never share an id. */
  idPrefix: string;
}

export const DraftContext = createContext<DraftBinding | null>(null);

export function useDraftBinding(): DraftBinding {
  const b = useContext(DraftContext);
  if (!b) throw new Error('customer fields need a DraftContext provider');
  return b;
}

/** The id of a field's input, e.g. to focus the first one in error. */
export const fieldId = (prefix: string, name: string) => `${prefix}-${name}`;
