import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['no-mismatched-secret'];

/** A module with one task requesting `requests` and running `body`. */
const task = (requests: string, body: string) => python`
  from flytekit import Secret, task, current_context

  @task(secret_requests=[${requests}])
  def t():
      ${body}
`;

ruleTester().run('no-mismatched-secret', rule as never, {
  valid: [
    task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "password")'),
    task('Secret(group="db", key="password")', 'current_context().secrets.get(key="password", group="db")'),
    task('Secret(group="vault-db", key="password", group_version="kv2")', 'current_context().secrets.get("vault-db", "password", "kv2")'),
    // A read matching nothing at all is no-undeclared-secret's, not a near miss.
    task('Secret(group="db", key="password")', 'current_context().secrets.get("api", "token")'),
    // Unresolvable arguments are never reported.
    task('Secret(group="db", key="password")', 'current_context().secrets.get("db", KEY)'),
    task('Secret(group="db", key="password")', 'current_context().secrets.get(*args)'),
  ],
  invalid: [
    {
      code: task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "pasword")'),
      errors: [
        {
          messageId: 'mismatch',
          line: 5,
          column: 5,
          data: { task: 't', secret: 'db/pasword', where: '', request: 'db/password', reason: 'same group, but key "pasword" is not "password"' },
          suggestions: [{ messageId: 'useRequest', output: task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "password")') }],
        },
      ],
    },
    {
      // Case: the Kubernetes Secret's keys are case-sensitive.
      code: task('Secret(group="db", key="password")', 'current_context().secrets.get("DB", "Password")'),
      errors: [{ messageId: 'mismatch', line: 5, column: 5, suggestions: [{ messageId: 'useRequest', output: task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "password")') }] }],
    },
    {
      code: task('Secret(group="db", key="password")', 'current_context().secrets.get(key="db", group="password")'),
      errors: [
        {
          messageId: 'mismatch',
          line: 5,
          column: 5,
          data: { task: 't', secret: 'password/db', where: '', request: 'db/password', reason: 'group and key are swapped' },
          suggestions: [{ messageId: 'useRequest', output: task('Secret(group="db", key="password")', 'current_context().secrets.get(group="db", key="password")') }],
        },
      ],
    },
    {
      // The key is requested under another group; other arguments are kept.
      code: task('Secret(group="snowflake", key="private-key")', 'current_context().secrets.get("private-key", "private-key", encode_mode="rb")'),
      errors: [
        {
          messageId: 'mismatch',
          line: 5,
          column: 5,
          suggestions: [{ messageId: 'useRequest', output: task('Secret(group="snowflake", key="private-key")', 'current_context().secrets.get("snowflake", "private-key", encode_mode="rb")') }],
        },
      ],
    },
    {
      // group_version on the read only (K8s ignores it on injection, flytekit does not on lookup).
      code: task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "password", "v1")'),
      errors: [
        {
          messageId: 'mismatch',
          line: 5,
          column: 5,
          data: { task: 't', secret: 'db/password (group_version "v1")', where: '', request: 'db/password', reason: 'the read passes group_version "v1" but the request has none' },
          suggestions: [{ messageId: 'useRequest', output: task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "password")') }],
        },
      ],
    },
    {
      // ...and on the request only.
      code: task('Secret(group="vault-db", key="password", group_version="kv2")', 'current_context().secrets.get("vault-db", "password")'),
      errors: [
        {
          messageId: 'mismatch',
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'useRequest',
              output: task('Secret(group="vault-db", key="password", group_version="kv2")', 'current_context().secrets.get("vault-db", "password", group_version="kv2")'),
            },
          ],
        },
      ],
    },
    {
      // A single argument is a key-only lookup.
      code: task('Secret(group="openai", key="api_key")', 'current_context().secrets.get("api_key")'),
      errors: [
        {
          messageId: 'mismatch',
          line: 5,
          column: 5,
          suggestions: [{ messageId: 'useRequest', output: task('Secret(group="openai", key="api_key")', 'current_context().secrets.get("openai", "api_key")') }],
        },
      ],
    },
    {
      // Attribute-style reads get rewritten to get(), which works for any name.
      code: task('Secret(group="db", key="password")', 'current_context().secrets.db.pasword'),
      errors: [{ messageId: 'mismatch', line: 5, column: 5, suggestions: [{ messageId: 'useRequest', output: task('Secret(group="db", key="password")', 'current_context().secrets.get("db", "password")') }] }],
    },
    {
      // Requests written with constants keep their spelling in the fix.
      code: python`
        from flytekit import Secret, task, current_context

        GROUP = "db"
        KEY = "password"

        @task(secret_requests=[Secret(group=GROUP, key=KEY)])
        def t():
            current_context().secrets.get(GROUP, "passwd")
      `,
      errors: [
        {
          messageId: 'mismatch',
          line: 8,
          column: 5,
          suggestions: [
            {
              messageId: 'useRequest',
              output: python`
                from flytekit import Secret, task, current_context

                GROUP = "db"
                KEY = "password"

                @task(secret_requests=[Secret(group=GROUP, key=KEY)])
                def t():
                    current_context().secrets.get(GROUP, KEY)
              `,
            },
          ],
        },
      ],
    },
  ],
});
