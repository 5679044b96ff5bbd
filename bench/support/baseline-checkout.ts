import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Another commit of this repository, checked out detached into a temp dir with this tree's
 * node_modules, so a bench can build it and compare it with the working tree in one run on one
 * machine state. `remove()` drops the worktree again.
 */
export function checkoutBaseline(root: string, ref: string): { checkout: string; commit: string; remove(): void } {
  const git = (...a: string[]) => {
    const r = spawnSync('git', a, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const checkout = mkdtempSync(join(tmpdir(), 'oms-bench-baseline-'));
  git('worktree', 'add', '--detach', checkout, commit);
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
  return { checkout, commit, remove: () => void spawnSync('git', ['worktree', 'remove', '--force', checkout], { cwd: root }) };
}
