import { GLYPH } from '../../lib/tone.ts';
import { endorsementLabel, endorsementShort, statusWords } from './endorsement-words.ts';

/**
 * Compact badges for a results row: a glyph and colour for the status, a short name and status
 * word on screen; the full wording ("USD account: Pending review") is the tooltip and what a
 * screen reader reads.
 */
export function EndorsementBadges({ endorsements }: { endorsements: readonly { name: string; status: string }[] }) {
  if (endorsements.length === 0) return <span className="muted small">None requested</span>;
  return (
    <span className="badges">
      {endorsements.map((e) => {
        const w = statusWords(e.status);
        const full = `${endorsementLabel(e.name)}: ${w.label.toLowerCase()}`;
        return (
          <span key={e.name} className={`badge badge-compact badge-${w.tone}`} title={full} data-endorsement={e.name} data-status={e.status}>
            <span aria-hidden="true">
              {GLYPH[w.tone]} {endorsementShort(e.name)} <span className="badge-word">{w.short}</span>
            </span>
            <span className="sr-only">{full}</span>
          </span>
        );
      })}
    </span>
  );
}
