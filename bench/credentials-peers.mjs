// Scores no-hardcoded-credentials and the detectors it competes with on the same labeled corpus
// (fixtures/credentials): secretlint with its recommended preset, ruff S105-S107 (ruff's own
// WebAssembly build from npm) and bandit B105-B107 (Debian's `bandit`, when installed). Not a test.
//   node bench/credentials-peers.mjs          (npm run build first: it lints with the built plugin)
// Peers are installed on first use into bench/.work (git-ignored) from the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCorpus, scoreCorpus, scoreTable } from '../fixtures/credentials/corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const work = path.join(here, '.work');
const PEERS = { secretlint: '13.0.6', '@secretlint/secretlint-rule-preset-recommend': '13.0.7', '@astral-sh/ruff-wasm-nodejs': '0.17.3' };

const corpus = loadCorpus();
const pythonFiles = corpus.filter((f) => f.language === 'python');
const relOf = new Map(corpus.map((f) => [f.path, f.rel]));

function byFile(entries) {
  const findings = new Map();
  for (const { file, line } of entries) {
    const rel = relOf.get(path.resolve(file));
    if (!rel) continue;
    if (!findings.has(rel)) findings.set(rel, []);
    findings.get(rel).push({ line });
  }
  return findings;
}

function installPeers() {
  const missing = Object.keys(PEERS).filter((name) => !existsSync(path.join(work, 'node_modules', name, 'package.json')));
  if (!missing.length) return;
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'flyte-secrets-bench-peers', private: true }, null, 2));
  const specs = Object.entries(PEERS).map(([name, version]) => `${name}@${version}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...specs], { cwd: work, stdio: 'inherit' });
}

async function flyteSecrets() {
  const dist = path.join(repoRoot, 'packages/eslint-plugin/dist/index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` first`);
  const { default: plugin } = await import(pathToFileURL(dist).href);
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, ...plugin.configs.javascript], ignore: false });
  const results = await eslint.lintFiles(corpus.map((f) => f.path));
  return byFile(
    results.flatMap((r) => r.messages.filter((m) => m.ruleId === '@flyte-secrets/no-hardcoded-credentials').map((m) => ({ file: r.filePath, line: m.line }))),
  );
}

function secretlint() {
  const rc = path.join(work, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const bin = path.join(work, 'node_modules/secretlint/bin/secretlint.js');
  // --maskSecrets: its messages quote what it finds; this script prints only scores anyway.
  const run = spawnSync(process.execPath, [bin, '--secretlintrc', rc, '--format', 'json', '--maskSecrets', ...corpus.map((f) => f.path)], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const results = JSON.parse(run.stdout);
  return byFile(results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, line: m.loc.start.line }))));
}

function ruff() {
  const require = createRequire(path.join(work, 'package.json'));
  const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
  const workspace = new Workspace({ lint: { select: ['S105', 'S106', 'S107'] } }, PositionEncoding.Utf16);
  const entries = pythonFiles.flatMap((f) => workspace.check(f.text).map((d) => ({ file: f.path, line: d.start_location.row })));
  return { findings: byFile(entries), version: Workspace.version() };
}

function bandit() {
  const version = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
  if (version.error) return undefined;
  const run = spawnSync('bandit', ['-q', '-f', 'json', '-t', 'B105,B106,B107', ...pythonFiles.map((f) => f.path)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(run.stdout);
  return {
    findings: byFile(report.results.map((r) => ({ file: r.filename, line: r.line_number }))),
    version: version.stdout.split('\n')[0].trim(),
  };
}

installPeers();
const rows = [];
const add = (tool, findings, languages = ['python', 'javascript']) => {
  if (languages.includes('python')) rows.push({ tool, scope: 'Python', score: scoreCorpus(corpus, findings, { language: 'python' }) });
  if (languages.includes('javascript')) rows.push({ tool, scope: 'JS/TS', score: scoreCorpus(corpus, findings, { language: 'javascript' }) });
};
add('flyte-secrets no-hardcoded-credentials', await flyteSecrets());
add(`secretlint ${PEERS.secretlint} (preset-recommend)`, secretlint());
const ruffResult = ruff();
add(`ruff ${ruffResult.version} S105-S107 (wasm)`, ruffResult.findings, ['python']);
const banditResult = bandit();
if (banditResult) add(`${banditResult.version} B105-B107`, banditResult.findings, ['python']);
else console.warn('bandit is not installed (Debian: apt-get install bandit): its row is skipped');

const positives = corpus.reduce((n, f) => n + f.expected.size, 0);
const traps = corpus.reduce((n, f) => n + f.traps.size, 0);
console.log(`Corpus: ${corpus.length} files, ${positives} labeled credentials, ${traps} labeled traps (fixtures/credentials).`);
console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, Node ${process.version}, ${os.platform()} ${os.release()}\n`);
console.log(scoreTable(rows));
