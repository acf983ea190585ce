// Turns a Vitest JSON report into CI's closing line: `N passed, N failed, N skipped`.
//
//   node scripts/test-summary.js REPORT.json [--exit-code N]
//
// --exit-code is the exit code of the command that ran the tests (`npm test`), so that a
// failure that left no failed test behind still counts:
//   - no report at all (typecheck or lint failed, so vitest never ran, or vitest crashed):
//     `0 passed, 1 failed`;
//   - a test file that failed to load (no test in it failed: it has none that ran): one failed
//     test per such file;
//   - a non-zero exit with nothing failed in the report (an unhandled error, no test files):
//     one more failed.
// The line goes to stdout; explanations go to stderr. Exits 1 when anything failed, else 0.
// Plain JavaScript that runs on any Node.js >= 18, so it works before `npm ci` has run too.
import { existsSync, readFileSync } from 'node:fs';

function parseArgs(argv) {
  const args = { report: undefined, exitCode: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--exit-code') args.exitCode = Number(argv[++i]);
    else if (a.startsWith('--exit-code=')) args.exitCode = Number(a.slice('--exit-code='.length));
    else args.report = a;
  }
  if (!args.report || !Number.isInteger(args.exitCode)) {
    console.error('usage: node scripts/test-summary.js REPORT.json [--exit-code N]');
    process.exit(2);
  }
  return args;
}

/** Counts from a parsed Vitest JSON report, plus the exit code of the run. */
function summarize(report, exitCode) {
  const notes = [];
  if (report === undefined) {
    notes.push(
      exitCode === 124
        ? 'No Vitest report: the tests were stopped at their time limit.'
        : 'No Vitest report: typecheck or lint failed (so vitest never ran), or vitest crashed. See the output above.',
    );
    return { passed: 0, failed: 1, skipped: 0, notes };
  }
  const num = (v) => (Number.isFinite(v) ? v : 0);
  const passed = num(report.numPassedTests);
  let failed = num(report.numFailedTests);
  const skipped = num(report.numPendingTests) + num(report.numTodoTests);

  // A file that failed without a failed test in it: it did not load, or a hook threw.
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      failed += 1;
      notes.push(`Test file failed outside its tests: ${file.name}${file.message ? `: ${file.message}` : ''}`);
    }
  }
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(
      num(report.numTotalTests) === 0
        ? `Vitest exited with code ${exitCode} and ran no test (no test files found?).`
        : `Vitest exited with code ${exitCode} though no test failed (an unhandled error? see the output above).`,
    );
  }
  return { passed, failed, skipped, notes };
}

function formatLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}

function main() {
  const { report: path, exitCode } = parseArgs(process.argv.slice(2));
  let report;
  if (existsSync(path)) {
    try {
      report = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      console.error(`test-summary: cannot read ${path}: ${err.message}`);
    }
  }
  const result = summarize(report, exitCode);
  for (const note of result.notes) console.error(`test-summary: ${note}`);
  console.log(formatLine(result));
  process.exit(result.failed > 0 || exitCode !== 0 ? 1 : 0);
}

main();
