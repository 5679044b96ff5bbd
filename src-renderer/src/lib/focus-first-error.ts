/**
 * Focuses the first field in error, in the order the form shows them. Fields carry ids
 * `<prefix>-<field>`, so any form (onboarding, edit, bank account) can use it.
 */
export function focusFirstError(prefix: string, errors: Record<string, string>): void {
  const first = [...document.querySelectorAll<HTMLElement>(`[id^="${prefix}-"]`)].find((el) => errors[el.id.slice(prefix.length + 1)] !== undefined);
  first?.focus();
}
