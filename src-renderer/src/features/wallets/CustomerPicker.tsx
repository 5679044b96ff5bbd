import { useEffect, useId, useRef, useState } from 'react';
import { useCustomers } from '../customers/customers.store.ts';
import { selectRow } from '../customers/customers.selectors.ts';
import { lookupCustomers, rowName } from '../customers/customer-lookup.ts';
import { findWalletOwner } from '../customers/jump-to-id.ts';
import { parseSearch } from '../customers/search-syntax.ts';

const DEBOUNCE_MS = 180;

function PickerOption({ id, optionId, active, onPick }: { id: string; optionId: string; active: boolean; onPick: (id: string) => void }) {
  const c = useCustomers(selectRow(id));
  if (!c) return null;
  const wallets = c.wallets.length;
  return (
    // Mouse only: the combobox owns the keyboard (aria-activedescendant points here).
    <li id={optionId} role="option" aria-selected={active} className={`picker-option${active ? ' active' : ''}`} onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(id)}>
      <span className="picker-name">{rowName(c)}</span>
      <span className="picker-email">{c.emailMasked ?? 'no email'}</span>
      <span className="picker-id mono">{c.id}</span>
      <span className="picker-count small muted">
        {wallets} wallet{wallets === 1 ? '' : 's'}
      </span>
    </li>
  );
}

/**
 * Finds a customer by name, email fragment or id (the customers search and its syntax), or takes
 * a pasted `cst_…`/`wlt_…` id straight away. A combobox: ↓/↑ move, Enter picks, Esc closes.
 */
export function CustomerPicker({ onPick }: { onPick: (customerId: string) => void }) {
  const [text, setText] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const listId = useId();

  const pick = (id: string) => {
    setOpen(false);
    setText('');
    setIds([]);
    setNote(null);
    onPick(id);
  };

  const jump = async (raw: string) => {
    const j = parseSearch(raw).jump;
    if (!j) return false;
    if (j.kind === 'customer') pick(j.id);
    else {
      setBusy(true);
      const owner = await findWalletOwner(j.id);
      setBusy(false);
      if ('note' in owner) setNote(owner.note);
      else pick(owner.id);
    }
    return true;
  };

  useEffect(() => {
    const t = text.trim();
    if (!t || parseSearch(t).jump) return;
    const mine = ++seq.current;
    // The lookup for the previous text is abandoned with it (main stops its OMS request too).
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      void lookupCustomers(t, 8, ctl.signal).then((r) => {
        if (mine !== seq.current || ctl.signal.aborted) return;
        setBusy(false);
        if (!r.ok) return setNote(r.error.message);
        setIds(r.data);
        setActive(0);
        setOpen(true);
        setNote(r.data.length ? null : `No customer matches “${t}”.`);
      });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [text]);

  const onChange = (value: string) => {
    setText(value);
    setNote(null);
    if (!value.trim()) {
      seq.current++;
      setIds([]);
      setOpen(false);
      setBusy(false);
    }
    // A pasted id lands at once, as on the Customers screen.
    void jump(value.trim());
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const last = ids.length - 1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open && ids.length) return setOpen(true);
      setActive((i) => Math.max(0, Math.min(last, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void jump(text.trim()).then((jumped) => {
        const id = ids[active];
        if (!jumped && open && id) pick(id);
      });
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const expanded = open && ids.length > 0;
  const optionId = (i: number) => `${listId}-o${i}`;
  return (
    <div className="picker">
      <label htmlFor={`${listId}-input`} className="picker-label">
        Customer
      </label>
      <div className="picker-box">
        <input
          id={`${listId}-input`}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? optionId(active) : undefined}
          aria-describedby={`${listId}-help`}
          className="search-input picker-input"
          placeholder="Search by name, email or id — or paste cst_… / wlt_…"
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => ids.length && setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label="Matching customers" className="picker-list" hidden={!expanded}>
          {ids.map((id, i) => (
            <PickerOption key={id} id={id} optionId={optionId(i)} active={i === active} onPick={pick} />
          ))}
        </ul>
      </div>
      <p id={`${listId}-help`} className="help" role="status" aria-live="polite">
        {busy ? 'Searching…' : (note ?? 'Type part of a name or email; ↓ ↑ to choose, Enter to open.')}
      </p>
    </div>
  );
}
