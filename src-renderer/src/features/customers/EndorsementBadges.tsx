import { toReact } from '../../lib/markup-react.ts';
import { endorsementBadgesMarkup } from './result-row-markup.ts';

/** A row's endorsement badges (result-row-markup.ts says what they show and why). */
export function EndorsementBadges({ endorsements }: { endorsements: readonly { name: string; status: string }[] }) {
  return toReact(endorsementBadgesMarkup(endorsements));
}
