import { GLYPH, type Tone } from '../lib/tone.ts';

/** Colour AND text (and a glyph) so status never depends on colour alone. */
export function StatusBadge({ tone, children, title }: { tone: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      <span aria-hidden="true">{GLYPH[tone]}</span> {children}
    </span>
  );
}
