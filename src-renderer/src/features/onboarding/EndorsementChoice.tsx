import type { EndorsementName } from '#shared/domain/endorsement.ts';
import { endorsementLabel } from '../customers/endorsement-words.ts';
import { ALL_ENDORSEMENTS } from './customer-form.ts';
import { selectCreateWith, useOnboarding } from './onboarding.store.ts';

/**
 * Which endorsements the create call asks for. Leaving the field out is OMS's own default
 * (cryptoCustody and usd, which bring basic along); choosing lets QA walk the guide's order,
 * basic first, and request the rest from step 2 one at a time. Choosing none is allowed.
 */
export function EndorsementChoice() {
  const createWith = useOnboarding(selectCreateWith);
  const set = useOnboarding.getState().setCreateWith;
  const toggle = (n: EndorsementName) => {
    const now = createWith ?? [];
    set(now.includes(n) ? now.filter((x) => x !== n) : ALL_ENDORSEMENTS.filter((x) => x === n || now.includes(x)));
  };
  return (
    <fieldset className="endorsement-choice">
      <legend>Endorsements to request with the customer</legend>
      <label className="check">
        <input type="radio" name="create-with" checked={createWith === null} onChange={() => set(null)} /> OMS&apos;s default
        <span className="small muted">(the field left out: Crypto custody and USD account, which include Basic identity)</span>
      </label>
      <label className="check">
        <input type="radio" name="create-with" checked={createWith !== null} onChange={() => set(['basic'])} /> Choose which
        <span className="small muted">(none is allowed; request the rest in step 2)</span>
      </label>
      {createWith !== null && (
        <div className="inline-fieldset" role="group" aria-label="Endorsements requested at creation">
          {ALL_ENDORSEMENTS.map((n) => (
            <label key={n} className="check">
              <input type="checkbox" checked={createWith.includes(n)} onChange={() => toggle(n)} /> {endorsementLabel(n)} <span className="mono small muted">{n}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
