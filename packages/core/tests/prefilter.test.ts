// The pre-filter's triggers, one by one; prefilter-identity.test.ts (eslint-plugin) shows on real
// trees that it drops no finding.
import { describe, expect, it } from 'vitest';
import { mayCallIntoProject, mayHoldCredentials, mayHoldDirectives, mayHoldFindings } from '../src/index.js';

describe('mayHoldFindings', () => {
  it('rejects code that mentions no secret, holds no credential candidate and is no task module', () => {
    expect(mayHoldFindings('import os\n\ndef main(base):\n    return os.path.join(base, "x")\n')).toBe(false);
    expect(mayHoldFindings('')).toBe(false);
  });

  it('keeps a module that mentions secrets, or a configured anchor', () => {
    expect(mayHoldFindings('ctx.secrets.get("a", "b")')).toBe(true);
    expect(mayHoldFindings('x = os.environ["_FSEC_A_B"]')).toBe(true);
    expect(mayHoldFindings('x = os.environ["ACME_A_B"]')).toBe(false);
    expect(mayHoldFindings('x = os.environ["ACME_A_B"]', ['ACME_'])).toBe(true);
  });

  it('keeps a text where the credential scan may find something (more in credentials/prefilter-lines.test.ts)', () => {
    expect(mayHoldCredentials('db_password = "hunter22"')).toBe(true);
    expect(mayHoldCredentials('url = "postgres://app:s3cr3t-pw@db/app"')).toBe(true);
    expect(mayHoldCredentials('t = "ghp_" + suffix')).toBe(true);
    expect(mayHoldCredentials('key = compute(password)')).toBe(false);
  });

  it('keeps a task module that imports code: its helpers may read secrets in other modules', () => {
    const task = 'from flytekit import task\nfrom acme.db import connect\n\n@task\ndef t():\n    connect()\n';
    expect(mayCallIntoProject(task)).toBe(true);
    expect(mayHoldFindings(task)).toBe(true);
    expect(mayCallIntoProject('from acme import task\n\n@task\ndef t(): ...\n')).toBe(true);
    expect(mayCallIntoProject('import flytekit\n')).toBe(true);
    expect(mayCallIntoProject('@task\ndef t(): ...\n')).toBe(false);
  });

  it('sees directive comments (the language parses those files for them)', () => {
    expect(mayHoldDirectives('# eslint-disable\nx = 1\n')).toBe(true);
    expect(mayHoldDirectives('x = 1  #eslint rule: "off"\n')).toBe(true);
    expect(mayHoldDirectives('x = "eslint"\n')).toBe(false);
  });
});
