// Whole-repository analysis at scale: a generated repository of 2,000 modules (a src/ layout with
// settings, client modules whose helpers read secrets through a shared `secret(group, key)`,
// helpers that call helpers of other modules, and task modules that import them), linted whole
// against the bare parse of the same files; then the memory of the index the language server keeps,
// in process (multimodule-index.mjs) and through a real server process (multimodule-server.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, machine, measure } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const PACKAGES = 40;
const CLIENTS = 25; // client modules per package; as many task modules: 40 x 50 = 2,000 modules
const repo = path.join(here, '.work/multimodule');

function client(p, c) {
  const next = `acme.p${p}.client${(c + 1) % CLIENTS}`;
  return `"""Client ${c} of package ${p}."""
import logging

import requests

from acme.settings import secret
from ${next} import fetch_${(c + 1) % CLIENTS}

logger = logging.getLogger(__name__)
GROUP = "svc${p}"


def token_${c}() -> str:
    return secret(GROUP, "token${c}")


def fetch_${c}(path: str) -> dict:
    response = requests.get(f"https://svc${p}.internal/{path}", headers={"Authorization": token_${c}()}, timeout=10)
    response.raise_for_status()
    return response.json()


def chained_${c}(path: str) -> dict:
    logger.info("fetching %s", path)
    return fetch_${(c + 1) % CLIENTS}(path) if path.startswith("x") else {}


class Client${c}:
    def __init__(self, timeout: int = 10):
        self.timeout = timeout
        self.session = requests.Session()

    def get(self, path: str) -> dict:
        return self.session.get(f"https://svc${p}.internal/{path}", timeout=self.timeout).json()

    def describe(self) -> str:
        return f"client ${c} of svc${p}"
`;
}

function tasks(p, c) {
  const requested = c % 3 === 0 ? '' : `secret_requests=[Secret(group="svc${p}", key="token${c}")]`;
  return `import pandas as pd
from flytekit import Secret, task, workflow

from acme.p${p}.client${c} import Client${c}, fetch_${c}
from acme.p${p} import client${(c + 3) % CLIENTS} as other


@task(${requested})
def load_${c}(day: str) -> pd.DataFrame:
    rows = fetch_${c}(f"orders/{day}")
    return pd.DataFrame(rows)


@task
def describe_${c}() -> str:
    return Client${c}().describe()


@task
def summarize_${c}(frame: pd.DataFrame) -> int:
    total = 0
    for value in frame.get("amount", []):
        total += int(value)
    return total


@workflow
def flow_${c}(day: str) -> int:
    return summarize_${c}(frame=load_${c}(day=day))
`;
}

rmSync(repo, { recursive: true, force: true });
mkdirSync(path.join(repo, 'src/acme'), { recursive: true });
writeFileSync(path.join(repo, 'pyproject.toml'), '[project]\nname = "acme"\nversion = "1.0.0"\n');
writeFileSync(path.join(repo, 'src/acme/__init__.py'), '');
writeFileSync(path.join(repo, 'src/acme/settings.py'), 'from flytekit import current_context\n\n\ndef secret(group: str, key: str) -> str:\n    return current_context().secrets.get(group, key)\n');
const files = [];
for (let p = 0; p < PACKAGES; p++) {
  const dir = path.join(repo, `src/acme/p${p}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '__init__.py'), '');
  for (let c = 0; c < CLIENTS; c++) {
    for (const [name, text] of [[`client${c}.py`, client(p, c)], [`tasks${c}.py`, tasks(p, c)]]) {
      writeFileSync(path.join(dir, name), text);
      files.push(path.join(dir, name));
    }
  }
}
const fileList = path.join(here, '.work/multimodule-files.txt');
writeFileSync(fileList, files.join('\n'));
console.log(`Generated ${files.length} modules (+ settings and __init__ files) under ${repo}`);

const eslint = path.join(root, 'node_modules/.bin/eslint');
const eslintArgs = ['--config', path.join(here, 'eslint.bench.config.mjs'), '--no-config-lookup', '--no-cache', '-f', 'json', '-o', path.join(here, '.work/multimodule-lint.json'), 'src'];
const [baseline, lint] = compare(`Generated repository: ${files.length} modules, tasks import helpers of other modules`, [
  { name: 'bare parse (web-tree-sitter, same files, one process)', run: () => measure(process.execPath, [path.join(here, 'parse-only.mjs'), fileList], root) },
  { name: 'eslint + @flyte-secrets recommended (whole-repository analysis)', run: () => measure(eslint, eslintArgs, repo) },
], runs);
console.log(`\nTarget: whole lint < 2x bare parse. Measured: ${(lint / baseline).toFixed(2)}x ${lint / baseline < 2 ? '(met)' : '(NOT met)'}`);

const index = measure(process.execPath, [path.join(here, 'multimodule-index.mjs'), fileList], root);
console.log(`\n## Index memory (${machine()})`);
console.log(`In process: every module summarised and every task module analysed through one ProjectIndex: peak RSS ${index.mb.toFixed(0)} MB.`);
const server = JSON.parse(execFileSync(process.execPath, [path.join(here, 'multimodule-server.mjs'), fileList], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
console.log(`Through the language server (a real server process over stdio, the repository as its workspace; RSS from /proc):`);
console.log('| stage | RSS MB | peak RSS MB |');
console.log('| --- | --- | --- |');
for (const stage of server.stages) console.log(`| ${stage.stage} | ${stage.rssMb.toFixed(0)} | ${stage.peakMb.toFixed(0)} |`);
const peak = Math.max(...server.stages.map((stage) => stage.peakMb));
console.log(`${server.opened} task modules opened in ${server.openSeconds.toFixed(1)} s (${server.findings} diagnostics); find-references found ${server.references} uses. Target < 300 MB: ${peak < 300 ? 'met' : 'NOT met'} (peak ${peak.toFixed(0)} MB).`);
