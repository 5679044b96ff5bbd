import { useEffect, useMemo, useRef, useState } from 'react';
import { useCustomers } from '../customers/customers.store.ts';
import { jumpToId } from '../customers/jump-to-id.ts';
import { isMoneyHandle, openMoneyHandle, shortHandle } from '../customers/money-handle.ts';
import { parseSearch } from '../customers/search-syntax.ts';
import { notify } from '../../stores/notify.store.ts';
import { selectPaletteOpen, usePalette } from '../../stores/palette.store.ts';
import { SECTION_LABELS, SECTIONS, useRoute } from '../../stores/route.store.ts';

interface Command {
  id: string;
  label: string;
  hint: string;
  run(): void | Promise<void>;
}


function commandsFor(text: string): Command[] {
  const t = text.trim();
  const out: Command[] = [];
  const parsed = parseSearch(t);
  if (parsed.jump) {
    const id = parsed.jump.id;
    out.push({
      id: 'jump',
      label: `Open ${id}`,
      hint: parsed.jump.kind === 'customer' ? 'Customer' : "Wallet's customer",
      run: async () => {
        const note = await jumpToId(id);
        if (note) notify('error', note);
      },
    });
  } else if (isMoneyHandle(t)) {
    // Support's "where is my money?": a txn_/qt_ id, an on-chain hash or address opens the transaction.
    out.push({
      id: 'find-money',
      label: `Find the transaction for ${shortHandle(t)}`,
      hint: 'Transactions',
      run: async () => {
        const note = await openMoneyHandle(t);
        if (note) notify('info', note);
      },
    });
  } else if (t) {
    out.push({
      id: 'search',
      label: `Search customers for “${t}”`,
      hint: 'Customers',
      // Through the URL, so the search box shows the same query and Back returns to the last one.
      run: () => useRoute.getState().open('customers', { q: t }),
    });
  }
  for (const s of SECTIONS) {
    const label = `Go to ${SECTION_LABELS[s]}`;
    if (!t || parsed.jump || label.toLowerCase().includes(t.toLowerCase())) out.push({ id: `go-${s}`, label, hint: 'Navigate', run: () => useRoute.getState().navigate(s) });
  }
  return out;
}

/** Ctrl/Cmd+K: jump to a pasted cst_/wlt_ id, search, or go to a screen — all from the keyboard. */
export function CommandPalette() {
  const open = usePalette(selectPaletteOpen);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const returnFocus = useRef<Element | null>(null);
  const commands = useMemo(() => commandsFor(text), [text]);
  // However it opens (keys, banner button, menu), over the customer search it starts from the same query.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      const { route } = useRoute.getState();
      // The box's last search, not the URL: the URL follows the box only once typing pauses.
      const searched = useCustomers.getState().search;
      setText(route.section === 'customers' && !route.rest[0] ? (searched.seq > 0 ? searched.text : (route.query.q ?? '')) : '');
      setActive(0);
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (!usePalette.getState().open) returnFocus.current = document.activeElement;
        usePalette.getState().toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) inputRef.current?.select();
    else (returnFocus.current as HTMLElement | null)?.focus?.();
  }, [open]);

  if (!open) return null;
  const close = () => {
    usePalette.getState().setOpen(false);
    setText('');
    setActive(0);
  };
  const run = (c: Command | undefined) => {
    if (!c) return;
    close();
    void c.run();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') setActive((a) => Math.min(commands.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') run(commands[Math.min(active, commands.length - 1)]);
    else return;
    e.preventDefault();
  };
  const current = Math.min(active, commands.length - 1);
  return (
    <div className="overlay" onMouseDown={close}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[current] ? `cmd-${commands[current].id}` : undefined}
          aria-label="Command or id"
          placeholder="Paste a cst_… or wlt_… id, search customers, or go to a screen"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul role="listbox" id="palette-list" aria-label="Commands">
          {commands.map((c, i) => (
            <li key={c.id} id={`cmd-${c.id}`} role="option" aria-selected={i === current} className={i === current ? 'active' : ''} onClick={() => run(c)}>
              <span>{c.label}</span>
              <small className="muted">{c.hint}</small>
            </li>
          ))}
        </ul>
        <div className="palette-foot small muted">↑↓ to choose · Enter to run · Esc to close</div>
      </div>
    </div>
  );
}
