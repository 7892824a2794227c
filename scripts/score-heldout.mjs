// Scores rules 1, 2, 3 and 8 on a held-out fixture against its expected.json (precision, recall,
// every false finding and miss). Runs the built `flyte-secrets` command on a copy of the fixture
// in a temporary folder, as a user would run it in their repository.
//
//   node scripts/score-heldout.mjs [fixture] [--cli <path to bin/flyte-secrets.js>] [--json]
//
// fixture defaults to multimodule-heldout2; --cli defaults to this checkout's built command.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const cli = path.resolve(option('--cli') ?? path.join(REPO, 'packages/eslint-plugin/bin/flyte-secrets.js'));
const asJson = args.includes('--json');
const fixture = args.find((a) => !a.startsWith('--')) ?? 'multimodule-heldout2';

if (!existsSync(cli)) {
  console.error(`${cli} not found: run \`npm run build\` first, or pass --cli`);
  process.exit(2);
}
const source = path.join(REPO, 'fixtures', fixture);
const expectedFile = path.join(source, 'expected.json');
if (!existsSync(expectedFile)) {
  console.error(`${expectedFile} not found`);
  process.exit(2);
}
const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
const rules = new Set(expected.rules.map((r) => `@flyte-secrets/${r}`));

const dir = mkdtempSync(path.join(os.tmpdir(), `score-${fixture}-`));
let results;
try {
  cpSync(source, dir, { recursive: true });
  rmSync(path.join(dir, 'expected.json'));
  const run = spawnSync(process.execPath, [cli, '--builtin-config', '-f', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status === 2 || !run.stdout.trim().startsWith('[')) {
    console.error(`flyte-secrets failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(2);
  }
  results = JSON.parse(run.stdout);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const found = results.flatMap((result) =>
  result.messages
    .filter((m) => rules.has(m.ruleId))
    .map((m) => ({ rule: m.ruleId.replace('@flyte-secrets/', ''), file: path.relative(dir, result.filePath).split(path.sep).join('/'), line: m.line, message: m.message })),
);
// An expectation `rule file:a|b` is met by one finding at any of its lines.
const expectations = expected.findings.map((entry) => {
  const [rule, where] = entry.split(' ');
  const [file, lines] = where.split(':');
  return { entry, rule, file, lines: lines.split('|').map(Number) };
});
const meets = (e, f) => e.rule === f.rule && e.file === f.file && e.lines.includes(f.line);
const hit = expectations.filter((e) => found.some((f) => meets(e, f)));
const missed = expectations.filter((e) => !hit.includes(e)).map((e) => e.entry);
const falseFindings = found.filter((f) => !expectations.some((e) => meets(e, f)));
const truePositives = found.length - falseFindings.length;
const score = {
  fixture,
  cli: path.relative(process.cwd(), cli) || cli,
  expected: expectations.length,
  reported: found.length,
  precision: found.length ? truePositives / found.length : 1,
  recall: hit.length / expectations.length,
  missed,
  falseFindings: falseFindings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
};
if (asJson) console.log(JSON.stringify(score, null, 2));
else {
  console.log(`${fixture}: expected ${score.expected}, reported ${score.reported}, precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(2)}`);
  for (const m of missed) console.log(`  missed  ${m}`);
  for (const f of score.falseFindings) console.log(`  false   ${f}`);
}
