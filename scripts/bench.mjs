// `./oms bench`: runs every bench/*.bench.ts (or the ones named) one after another; each prints
// its own figures. Benchmarks measure; they never pass or fail on a number.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
// Benches that start the console run main's bundle and the built renderer (as `./oms start` does);
// the e2e fixture refuses a missing or stale build, so build once first.
if (benches.some((f) => !f.startsWith('sandbox-') && !f.startsWith('relay-') && !f.startsWith('prism-'))) {
  console.log('building (electron-vite build) so the benches run what ships…');
  const b = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n━━ bench/${file}`);
  const r = spawnSync(process.execPath, ['--no-warnings=ExperimentalWarning', join(root, 'bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
