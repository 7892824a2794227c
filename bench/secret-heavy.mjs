// Whole-lint time over modules that all use secrets, against the bare parse of the same files. The
// standard library (lint-vs-parse.mjs) hardly mentions secrets, so the relevance filter skips most
// of it; here every module is analysed and every rule has work: reads in tasks and helpers, direct
// environment reads, values flowing through variables, records and helpers, a few leaks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, measure } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const MODULES = 300;
const TASKS = 20;

function module(m) {
  const tasks = Array.from({ length: TASKS }, (_, t) => `
@task(secret_requests=[Secret(group=GROUP, key="user"), Secret(group=GROUP, key="password"), Secret(group=GROUP, key="token", mount_requirement=Secret.MountType.ENV_VAR)])
def load_${t}(day: str) -> int:
    creds = credentials()
    conn = psycopg2.connect(host="db.internal", user=creds.user, password=creds.password, dbname="app")
    token = os.environ["_FSEC_SVC-${m}_TOKEN"]
    headers = {"Authorization": f"Bearer {token}"}
    response = requests.get(f"https://api.example.com/v1/{day}", headers=headers, timeout=10)
    logger.info("fetched %d rows for %s", len(response.json()), day)
    if not token:
        raise ValueError("the token secret is empty")${t % 5 === 0 ? '\n    print(headers)' : ''}
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events WHERE day = %s", (day,))
        return cursor.fetchone()[0]
`);
  return `"""Generated: tasks of service ${m} that read secrets the ways real pipelines do."""
import logging
import os
from dataclasses import dataclass

import psycopg2
import requests
from flytekit import Secret, current_context, task

logger = logging.getLogger(__name__)
GROUP = "svc-${m}"


@dataclass
class Credentials:
    user: str
    password: str


def credentials() -> Credentials:
    secrets = current_context().secrets
    return Credentials(user=secrets.get(GROUP, "user"), password=secrets.get(GROUP, "password"))
${tasks.join('')}`;
}

const work = path.join(here, '.work', 'secret-heavy');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const files = [];
for (let m = 0; m < MODULES; m++) {
  const file = path.join(work, `service_${m}.py`);
  writeFileSync(file, module(m));
  files.push(file);
}
const fileList = path.join(here, '.work', 'secret-heavy-files.txt');
writeFileSync(fileList, files.join('\n'));

const eslint = path.join(root, 'node_modules/.bin/eslint');
const eslintArgs = ['--config', path.join(here, 'eslint.bench.config.mjs'), '--no-config-lookup', '--no-cache', '-f', 'json', '-o', path.join(here, '.work', 'secret-heavy.json'), '.'];
const commands = [
  { name: 'bare parse (web-tree-sitter, same files, one process)', run: () => measure(process.execPath, [path.join(here, 'parse-only.mjs'), fileList], root) },
  { name: 'eslint + @flyte-secrets recommended', run: () => measure(eslint, eslintArgs, work) },
];
const lines = files.length * module(0).split('\n').length;
compare(`Secret-heavy modules: ${files.length} generated files (~${lines} lines, ${files.length * TASKS} tasks)`, commands, runs);
