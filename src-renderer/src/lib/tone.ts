/**
 * How a status reads at a glance. Words modules in any feature pick a tone and the shared badge
 * draws it, so the type sits below both rather than in one feature.
 */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

/** A glyph per tone: status never rests on colour alone. */
export const GLYPH: Record<Tone, string> = { ok: '●', warn: '◐', bad: '✕', info: '○', neutral: '◌' };
