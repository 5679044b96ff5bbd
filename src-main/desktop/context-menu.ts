import type { MenuItemTemplate } from './app-menu.ts';

/** The parts of Electron's `context-menu` params the policy looks at. */
export interface ContextParams {
  selectionText?: string;
  linkURL?: string;
  isEditable?: boolean;
  editFlags?: { canCut?: boolean; canCopy?: boolean; canPaste?: boolean; canSelectAll?: boolean };
}

const MAX_COPY = 4096;
const ID = /^(cst|wlt|txn|evt|whk|req)_[A-Za-z0-9]{1,64}$/;
// EVM addresses and base58 (Solana-style) addresses: what support agents paste into tickets.
const ADDRESS = /^(0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{32,44})$/;

export function copyKind(text: string): 'id' | 'address' | null {
  if (ID.test(text)) return 'id';
  if (ADDRESS.test(text)) return 'address';
  return null;
}

/** The id or address a link points at: the last path segment of the console's own link, or an oms-console:// link. */
function idFromLink(link: string): string | null {
  if (!link || link.length > 2048) return null;
  try {
    const u = new URL(link);
    const last = decodeURIComponent((u.hash || u.pathname).split('/').filter(Boolean).pop() ?? '');
    return copyKind(last) ? last : null;
  } catch {
    return null;
  }
}

/**
 * Right-click menu: text operations where they make sense, and Copy ID / Copy Address when the
 * selection or the link is one. Nothing that opens, saves, inspects or navigates: the page cannot
 * use the context menu to reach beyond itself.
 */
export function buildContextMenuTemplate(p: ContextParams, copy: (text: string) => void): MenuItemTemplate[] {
  const items: MenuItemTemplate[] = [];
  const selection = (p.selectionText ?? '').trim().slice(0, MAX_COPY);
  const flags = p.editFlags ?? {};
  if (p.isEditable) {
    items.push({ role: 'cut', enabled: flags.canCut !== false }, { role: 'copy', enabled: flags.canCopy !== false }, { role: 'paste', enabled: flags.canPaste !== false }, { type: 'separator' }, { role: 'selectAll' });
    return items;
  }
  const kind = selection ? copyKind(selection) : null;
  if (kind) items.push({ label: kind === 'id' ? 'Copy ID' : 'Copy Address', click: () => copy(selection) });
  else if (selection) items.push({ label: 'Copy', click: () => copy(selection) });
  const linked = idFromLink(p.linkURL ?? '');
  if (linked && linked !== selection) items.push({ label: copyKind(linked) === 'id' ? `Copy ID ${linked}` : `Copy Address`, click: () => copy(linked) });
  return items;
}
