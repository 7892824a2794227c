// The task module the language-server benchmark edits (bench/lsp.mjs), also replayed by the
// incremental-analysis test (packages/lsp/tests/incremental.test.ts).

/**
 * A task module of `lines` lines (the benchmark edits one of 5,000): constants, helpers and tasks
 * with data code. `secretEvery` says how many tasks request and read secrets: 1 = every task (the
 * dense stress case), 4 = one in four.
 * Some reads are wrong, so there are findings to report.
 */
export function taskFile(lines, secretEvery) {
  const out = ['from flytekit import Secret, current_context, dynamic, task', 'import flytekit', '', 'DB = "db"', 'API = "stripe"', ''];
  for (let i = 0; out.length < lines - 26; i++) {
    const secrets = i % secretEvery === 0;
    out.push(
      '',
      `def helper_${i}(rows: list) -> str:`,
      `    """Summarises batch ${i}."""`,
      secrets ? `    return current_context().secrets.get(API, "token_${i % 7}")` : `    return ",".join(str(r) for r in rows[:${i % 9}])`,
      '',
      '',
      `@task(`,
      secrets ? `    secret_requests=[Secret(group=DB, key="password"), Secret(group=API, key="token_${i % 7}"), Secret(group="archive", key="key_${i}")],` : `    cache=True,`,
      `    retries=3,`,
      `)`,
      `def load_${i}(day: str, limit: int = ${i}) -> int:`,
      secrets ? `    ctx = flytekit.current_context()` : `    ctx = None`,
      secrets ? `    password = ctx.secrets.get(DB, "${i % 10 === 0 ? 'pasword' : 'password'}")` : `    password = day * 2`,
      `    rows = [day] * limit`,
      `    token = helper_${i}(rows)`,
      `    total = 0`,
      `    for row in rows:`,
      `        if len(row) > ${i % 13}:`,
      `            total += len(row) + len(password)`,
      `        else:`,
      `            total -= 1`,
      `    # ${'-'.repeat(40)}`,
      secrets ? `    key = ctx.secrets.get("archive", "key_${i}")` : `    key = str(total)`,
      `    return len(password) + len(token) + len(key) + total`,
      '',
    );
  }
  while (out.length < lines - 1) out.push('# padding');
  return `${out.join('\n')}\n`;
}
