import { GLYPH } from '../../lib/tone.ts';
import { endorsementLabel, endorsementShort, statusWords } from './endorsement-words.ts';

/**
 * Compact badges for a results row: a glyph and colour for the status, a short name and status
 * word on screen; the full wording ("USD account: Pending review") is the tooltip and, for all the
 * badges at once, what a screen reader reads. One hidden line per row rather than one per badge:
 * each is a positioned box, and a fresh page of rows laid out three per row took a visible share
 * of a keystroke's frame.
 */
export function EndorsementBadges({ endorsements }: { endorsements: readonly { name: string; status: string }[] }) {
  if (endorsements.length === 0) return <span className="muted small">None requested</span>;
  const shown = endorsements.map((e) => {
    const w = statusWords(e.status);
    return { e, w, full: `${endorsementLabel(e.name)}: ${w.label.toLowerCase()}` };
  });
  return (
    <span className="badges">
      {shown.map(({ e, w, full }) => (
        <span key={e.name} className={`badge badge-compact badge-${w.tone}`} title={full} data-endorsement={e.name} data-status={e.status} aria-hidden="true">
          {GLYPH[w.tone]} {endorsementShort(e.name)} <span className="badge-word">{w.short}</span>
        </span>
      ))}
      <span className="sr-only">{shown.map((x) => x.full).join('; ')}</span>
    </span>
  );
}
