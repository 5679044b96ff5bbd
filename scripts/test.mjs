// `./oms test`: the whole suite, in order: type-check, lint, build, unit + integration (Vitest, with
// the real Secret Service the ./oms wrapper started), e2e (Playwright in Debian Chromium).
// Every stage runs even if an earlier one failed, so one CI run shows every problem; the exit code
// is non-zero if any stage failed. The last line is the plain "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const only = process.argv.slice(2);
const stages = [];
const useXvfb = !process.env.DISPLAY && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;

function stage(name, command, args, env = {}) {
  if (only.length && !only.includes(name)) return;
  const started = Date.now();
  console.log(`\n━━ ${name}: ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  stages.push({ name, ok: r.status === 0, seconds, status: r.status ?? r.signal });
}

// One config per process: the renderer is checked against DOM types only (no Node globals), main,
// preload, sandbox and relay against Node's, tests and benches against both.
stage('typecheck', 'sh', ['-c', 'tsc -p tsconfig.node.json --noEmit && tsc -p tsconfig.web.json --noEmit && tsc -p tsconfig.test.json --noEmit']);
stage('lint', 'eslint', ['.', '--max-warnings=0']);
stage('build', 'electron-vite', ['build', '--logLevel', 'warn']);
stage('unit', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'vitest.json')}`], { NODE_ENV: 'test' });
stage('e2e', useXvfb ? 'xvfb-run' : 'playwright', useXvfb ? ['-a', 'playwright', 'test'] : ['test']);

// ---- summary
let passed = 0;
let failed = 0;
let skipped = 0;
const skips = [];
const vitestFile = join(results, 'vitest.json');
if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  for (const file of v.testResults ?? [])
    for (const t of file.assertionResults ?? []) if (t.status === 'skipped' || t.status === 'pending') skips.push(`${t.fullName}${t.meta?.skipReason ? ` — ${t.meta.skipReason}` : ''}`);
}
const e2eFile = join(results, 'e2e-report.json');
if (existsSync(e2eFile)) {
  const walk = (suite, prefix) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        const outcome = t.results?.at(-1)?.status ?? t.status;
        if (t.status === 'skipped' || outcome === 'skipped') {
          skipped += 1;
          const note = (t.annotations ?? []).find((a) => a.type === 'skip')?.description;
          skips.push(`${prefix}${spec.title}${note ? ` — ${note}` : ''}`);
        } else if (t.status === 'expected' || t.status === 'flaky') passed += 1;
        else failed += 1;
      }
    for (const child of suite.suites ?? []) walk(child, `${prefix}${child.title} › `);
  };
  for (const s of JSON.parse(readFileSync(e2eFile, 'utf8')).suites ?? []) walk(s, '');
}

console.log('\n━━ summary');
for (const s of stages) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(10)} ${s.seconds}s${s.ok ? '' : ` (exit ${s.status})`}`);
if (skips.length) {
  console.log(`\n  SKIPPED (${skips.length}) — read why:`);
  for (const s of skips) console.log(`   ! ${s}`);
}
const stageFailures = stages.filter((s) => !s.ok).length;
console.log(`\nsummary: ${passed} passed, ${failed + (failed === 0 ? stageFailures : 0)} failed, ${skipped} skipped`);
process.exit(stageFailures > 0 || failed > 0 ? 1 : 0);
