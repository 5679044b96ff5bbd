import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, buildAppMenuTemplate, commandMessage, flattenMenu, type AppCommand, type MenuItemTemplate } from '../../../../src-main/desktop/app-menu.ts';
import { buildContextMenuTemplate, copyKind } from '../../../../src-main/desktop/context-menu.ts';
import { FakeClipboard, FakeMenu } from './fakes.ts';

function menu(packaged: boolean, platform: NodeJS.Platform = 'linux') {
  const commands: AppCommand[] = [];
  const help: string[] = [];
  const template = buildAppMenuTemplate(
    { platform, packaged },
    { command: (c) => commands.push(c), openLogsFolder: () => help.push('logs'), copyDiagnostics: () => help.push('diagnostics'), openDocs: () => help.push('docs'), checkForUpdates: () => help.push('updates') },
  );
  return { menu: FakeMenu.buildFromTemplate(template), template, commands, help };
}
const roles = (t: MenuItemTemplate[]) => flattenMenu(t).map((i) => i.role).filter(Boolean);

describe('application menu', () => {
  it('sends every app command with its accelerator', () => {
    const { menu: m, commands } = menu(true);
    const expected: [string, AppCommand, string][] = [
      ['Command Palette…', 'palette.open', 'CmdOrCtrl+K'],
      ['Switch Profile…', 'profile.switch', 'CmdOrCtrl+Shift+P'],
      ['Customers', 'navigate.customers', 'CmdOrCtrl+1'],
      ['Onboarding', 'navigate.onboarding', 'CmdOrCtrl+2'],
      ['Wallets', 'navigate.wallets', 'CmdOrCtrl+3'],
      ['Transactions', 'navigate.transactions', 'CmdOrCtrl+4'],
      ['Inbox', 'navigate.inbox', 'CmdOrCtrl+5'],
      ['Logs', 'navigate.logs', 'CmdOrCtrl+6'],
      ['Settings', 'navigate.settings', 'CmdOrCtrl+7'],
      ['Reload Data', 'data.reload', 'CmdOrCtrl+R'],
    ];
    for (const [label, , accelerator] of expected) {
      expect(m.find(label)?.accelerator, label).toBe(accelerator);
      m.click(label);
    }
    expect(commands).toEqual(expected.map(([, c]) => c));
    expect(new Set(commands)).toEqual(new Set(APP_COMMANDS));
  });

  it('has no Reload and no DevTools in a packaged build, and has them in development', () => {
    const dangerous = ['reload', 'forceReload', 'toggleDevTools'];
    expect(roles(menu(true).template).filter((r) => dangerous.includes(r!))).toEqual([]);
    expect(roles(menu(true, 'darwin').template).filter((r) => dangerous.includes(r!))).toEqual([]);
    expect(roles(menu(false).template)).toEqual(expect.arrayContaining(dangerous));
  });

  it('no two items share an accelerator', () => {
    for (const packaged of [true, false]) {
      const accs = flattenMenu(menu(packaged).template).map((i) => i.accelerator).filter(Boolean);
      expect(new Set(accs).size).toBe(accs.length);
    }
  });

  it('Help offers the logs folder, diagnostics and an update check; macOS gets its app menu', () => {
    const { menu: m, help } = menu(true);
    m.click('Open Logs Folder');
    m.click('Copy Diagnostics');
    m.click('Check for Updates…');
    expect(help).toEqual(['logs', 'diagnostics', 'updates']);
    expect(menu(true, 'darwin').template[0]?.label).toBe('OMS Console');
    expect(roles(menu(true, 'darwin').template)).toContain('hideOthers');
  });

  it('commands travel as event.app.command', () => {
    expect(commandMessage('palette.open')).toEqual({ name: 'event.app.command', payload: { command: 'palette.open' } });
  });
});

describe('context menu', () => {
  const build = (p: Parameters<typeof buildContextMenuTemplate>[0]) => {
    const clip = new FakeClipboard();
    const m = FakeMenu.buildFromTemplate(buildContextMenuTemplate(p, (t) => clip.writeText(t)));
    return { m, clip };
  };

  it('offers Copy ID on a selected id and copies it', () => {
    const { m, clip } = build({ selectionText: ' cst_01HZX9 ' });
    expect(m.template.map((i) => i.label)).toEqual(['Copy ID']);
    m.click('Copy ID');
    expect(clip.text).toBe('cst_01HZX9');
  });

  it('offers Copy Address on a wallet address, and Copy on other text', () => {
    expect(build({ selectionText: '0x52908400098527886E0F7030069857D2E4169EE7' }).m.template.map((i) => i.label)).toEqual(['Copy Address']);
    const { m, clip } = build({ selectionText: 'some notes' });
    m.click('Copy');
    expect(clip.text).toBe('some notes');
  });

  it('offers the id a link points at', () => {
    const { m, clip } = build({ linkURL: 'app://console/index.html#/customers/cst_77' });
    m.click('Copy ID cst_77');
    expect(clip.text).toBe('cst_77');
  });

  it('offers edit roles in fields and nothing at all on blank space; never open, save or inspect', () => {
    expect(build({ isEditable: true, editFlags: { canPaste: false } }).m.template.map((i) => i.role ?? i.type)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    expect(build({ isEditable: true, editFlags: { canPaste: false } }).m.template[2]?.enabled).toBe(false);
    expect(build({}).m.template).toEqual([]);
    const all = flattenMenu(build({ selectionText: 'x', linkURL: 'https://evil.example/cst_1' }).m.template);
    expect(all.map((i) => i.label ?? i.role).join(' ')).not.toMatch(/open|save|inspect|devtools|search/i);
  });

  it('classifies ids and addresses strictly', () => {
    expect(copyKind('wlt_abc')).toBe('id');
    expect(copyKind('wlt_abc def')).toBeNull();
    expect(copyKind('7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV')).toBe('address');
    expect(copyKind('0x123')).toBeNull();
  });
});
