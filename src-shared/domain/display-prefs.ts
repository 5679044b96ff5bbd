import { z } from 'zod';

/**
 * How money and times read on screen: one locale for both (null follows the OS), and times in UTC
 * or local time. Support and compliance compare timestamps with other systems, hence the toggle.
 */
const isKnownLocale = (tag: string): boolean => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

export const LocaleTag = z
  .string()
  .max(35, 'must be a locale tag of at most 35 characters')
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'must be a locale tag like en-GB or de-DE')
  .refine(isKnownLocale, { message: 'is not a locale this console knows' });

export const DisplayPrefs = z.strictObject({ locale: LocaleTag.nullable(), utc: z.boolean() });
export type DisplayPrefs = z.infer<typeof DisplayPrefs>;
export const DEFAULT_DISPLAY_PREFS: DisplayPrefs = { locale: null, utc: false };

/** The settings-store key main keeps them under (a non-secret row). */
export const DISPLAY_PREFS_KEY = 'display.format';
