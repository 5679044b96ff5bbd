import type { Tone } from '../features/customers/endorsement-words.ts';

export const GLYPH: Record<Tone, string> = { ok: '●', warn: '◐', bad: '✕', info: '○', neutral: '◌' };

/** Colour AND text (and a glyph) so status never depends on colour alone. */
export function StatusBadge({ tone, children, title }: { tone: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      <span aria-hidden="true">{GLYPH[tone]}</span> {children}
    </span>
  );
}
