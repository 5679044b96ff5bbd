import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
// The boundary rules read imports only; the type-aware rules need a real file in a tsconfig, which
// these snippets are not, so type information is switched off for them.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('lint enforces the process boundaries of docs/design.md', () => {
  it('keeps node, electron and main code out of the renderer', async () => {
    expect(await ruleIds('src-renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/src/x.ts', "import fs from 'fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/src/x.ts', "import { createConsole } from '../../src-main/app/composition.ts';\nexport const a = createConsole;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('src-renderer/src/x.ts', "import { contract } from '#shared/ipc/registry.ts';\nexport const a = contract;\n")).toEqual([]);
  });

  it('keeps src-shared free of electron, node, react and other src-* code', async () => {
    expect(await ruleIds('src-shared/x.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-shared/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('lets only the Electron entry and its adapters import electron', async () => {
    expect(await ruleIds('src-main/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-syntax');
    expect(await ruleIds('src-main/app/electron-window.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
