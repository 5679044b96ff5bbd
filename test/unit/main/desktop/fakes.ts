/**
 * Named fakes of the Electron API, for the one part that cannot run here (the Electron runtime).
 * They record what the desktop modules do to them and let a test fire the events Electron would.
 */
type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

/** A preventable event object as Electron passes to `before-quit`, `open-url`, `will-navigate`. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** `app`: the single-instance lock is shared through a FakeLockRegistry, as the OS shares it between processes. */
export class FakeApp extends Emitter {
  quitCalls = 0;
  isPackaged = false;
  readonly registry: FakeLockRegistry;
  constructor(registry = new FakeLockRegistry()) {
    super();
    this.registry = registry;
  }
  requestSingleInstanceLock(): boolean {
    return this.registry.claim(this);
  }
  quit(): void {
    this.quitCalls++;
  }
  /** What the OS does when a second process fails to get the lock: the owner hears about it. */
  launchSecond(argv: string[], cwd = '/'): boolean {
    const second = new FakeApp(this.registry);
    const got = second.requestSingleInstanceLock();
    if (!got) this.registry.owner?.emit('second-instance', new FakeEvent(), argv, cwd);
    return got;
  }
}

export class FakeLockRegistry {
  owner: FakeApp | null = null;
  claim(app: FakeApp): boolean {
    if (this.owner && this.owner !== app) return false;
    this.owner = app;
    return true;
  }
}

export class FakeBrowserWindow extends Emitter {
  static created = 0;
  destroyed = false;
  minimized = false;
  visible = false;
  focused = false;
  readonly calls: string[] = [];
  readonly loaded: string[] = [];
  constructor() {
    super();
    FakeBrowserWindow.created++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  close(): void {
    this.destroyed = true;
  }
}

/** `clipboard`: what the context menu and "Copy diagnostics" would have written. */
export class FakeClipboard {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
}

/** `Menu.buildFromTemplate` keeps the template; `click` runs an item as a user would. */
export class FakeMenu<T extends { label?: string; submenu?: T[]; click?: () => void }> {
  readonly template: T[];
  constructor(template: T[]) {
    this.template = template;
  }
  static buildFromTemplate<T extends { label?: string; submenu?: T[]; click?: () => void }>(template: T[]): FakeMenu<T> {
    return new FakeMenu(template);
  }
  find(label: string, items: T[] = this.template): T | undefined {
    for (const i of items) {
      if (i.label === label) return i;
      const inner = i.submenu ? this.find(label, i.submenu) : undefined;
      if (inner) return inner;
    }
    return undefined;
  }
  click(label: string): void {
    const item = this.find(label);
    if (!item?.click) throw new Error(`no clickable menu item "${label}"`);
    item.click();
  }
}

/** `screen`: a set of displays, as `getAllDisplays()` returns them. */
export function fakeDisplay(id: number, x: number, y: number, width: number, height: number, taskbar = 40) {
  return { id, bounds: { x, y, width, height }, workArea: { x, y, width, height: height - taskbar } };
}

/** `dialog.showMessageBox` for a window: records each question; the test answers or it is aborted. */
export class FakeRecoveryDialog {
  readonly asked: { message: string; buttons: string[]; signal: AbortSignal; answer: (i: number) => void }[] = [];
  ask(q: { message: string; buttons: string[]; cancelId: number }, signal: AbortSignal): Promise<number> {
    return new Promise((resolve) => {
      // As Electron does: an aborted box resolves as if cancelled.
      signal.addEventListener('abort', () => resolve(q.cancelId), { once: true });
      this.asked.push({ message: q.message, buttons: q.buttons, signal, answer: resolve });
    });
  }
}

/** The reloadable part of a window. */
export class FakeReloadableWindow {
  reloads = 0;
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {
    this.reloads++;
  }
}

/** The update dialogs: records what was said; a restart offer is answered by `restart` (or later by the test). */
export class FakeUpdateDialog {
  readonly told: { message: string; detail: string }[] = [];
  readonly offers: string[] = [];
  restart: boolean | null = true;
  #pending: ((yes: boolean) => void)[] = [];
  tell(message: string, detail: string): Promise<void> {
    this.told.push({ message, detail });
    return Promise.resolve();
  }
  offerRestart(version: string): Promise<boolean> {
    this.offers.push(version);
    if (this.restart !== null) return Promise.resolve(this.restart);
    return new Promise((resolve) => this.#pending.push(resolve));
  }
  answer(yes: boolean): void {
    for (const r of this.#pending.splice(0)) r(yes);
  }
}
