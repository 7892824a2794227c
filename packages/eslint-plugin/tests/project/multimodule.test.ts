// Whole-repository analysis on fixtures/multimodule through the real CLIs: every `# expect:` marker
// is reported on its line by the rule it names, and nothing else is (rules 1, 2, 3 and 8).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonModules } from '@flyte-secrets/core';
import { copyFixture, eslint, flyteSecrets, REPO } from '../inventory/run-eslint.js';

const FIXTURE = path.join(REPO, 'fixtures/multimodule');
const RULES = ['no-undeclared-secret', 'no-mismatched-secret', 'no-unused-secret-request', 'no-secret-leak'];
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `file:line rule` for every marker of the fixture. */
function expected(root: string): string[] {
  const found: string[] = [];
  for (const file of pythonModules(root)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const marker = /# expect: (.*)$/.exec(line);
      for (const rule of marker?.[1]!.split(',').map((r) => r.trim()) ?? []) found.push(`${path.relative(root, file)}:${i + 1} ${rule}`);
    });
  }
  return found.sort();
}

function reported(root: string, stdout: string): { keys: string[]; messages: string[] } {
  const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; ruleId: string; message: string }[] }[];
  const messages = results.flatMap((r) => r.messages.filter((m) => RULES.some((rule) => m.ruleId === `@flyte-secrets/${rule}`)).map((m) => ({ ...m, file: path.relative(root, r.filePath) })));
  return { keys: messages.map((m) => `${m.file}:${m.line} ${m.ruleId.replace('@flyte-secrets/', '')}`).sort(), messages: messages.map((m) => `${m.file}:${m.line} ${m.message}`) };
}

describe('fixtures/multimodule-heldout (scored once before it was a test: see bench/RESULTS.md)', () => {
  it('reports every marked line and nothing else', () => {
    const root = path.join(REPO, 'fixtures/multimodule-heldout');
    const run = flyteSecrets(root, ['-f', 'json', '.']);
    expect(reported(root, run.stdout).keys).toEqual(expected(root));
  });
});

describe('fixtures/multimodule', () => {
  it('flyte-secrets (zero-config) reports every marked line and nothing else', () => {
    const run = flyteSecrets(FIXTURE, ['-f', 'json', '.']);
    const { keys, messages } = reported(FIXTURE, run.stdout);
    expect(keys).toEqual(expected(FIXTURE));
    // Reads in other modules are reported at the task's call and name the path.
    expect(messages).toContain(
      'src/acme/tasks/etl.py:19 Task `export_orders` reads secret warehouse/password via acme.clients.warehouse.warehouse_engine → acme.settings.dsn → acme.settings.secret (line 13) but its secret_requests do not declare it: flytekit raises ValueError ("Please make sure to add secret_requests=...") when the task runs.',
    );
    expect(messages).toContain(
      'src/acme/tasks/etl.py:38 The value of secret warehouse/password is written by `logger.info(...)` inside `acme.utils.logs.log_connection`, which this call passes it to: task logs are shown in the Flyte console and kept by the log backend.',
    );
    expect(run.status).toBe(1);
  });

  it('eslint --cache lints a task again when a helper it imports changes what it reads', () => {
    const dir = copyFixture('multimodule');
    made.push(dir);
    const lint = () => {
      const run = eslint(dir, ['--cache', '--cache-location', path.join(dir, '.eslintcache'), '--debug', '-f', 'json', 'src/acme/tasks/etl.py']);
      return { keys: reported(dir, run.stdout).keys, cached: run.stderr.includes("Skipping file since it hasn't changed") };
    };
    const first = lint();
    expect(first.cached).toBe(false);
    expect(first.keys).toContain('src/acme/tasks/etl.py:26 no-mismatched-secret');
    expect(lint()).toEqual({ ...first, cached: true });

    // A comment at the end of a helper changes no summary (lines of reads appear in messages, so moving them would): the cache still serves.
    const slack = path.join(dir, 'src/acme/clients/slack.py');
    writeFileSync(slack, `${readFileSync(slack, 'utf8')}\n# TODO: retry on HTTP 429.\n`);
    expect(lint()).toEqual({ ...first, cached: true });

    // The helper now reads the key the task requests: the finding must go away, not be served from the cache.
    writeFileSync(slack, readFileSync(slack, 'utf8').replace('"bot-token"', '"bot_token"'));
    const after = lint();
    expect(after.cached).toBe(false);
    expect(after.keys).not.toContain('src/acme/tasks/etl.py:26 no-mismatched-secret');
    expect(after.keys).toContain('src/acme/tasks/etl.py:19 no-undeclared-secret');
  });
});
