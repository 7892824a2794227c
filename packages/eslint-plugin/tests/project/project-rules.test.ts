// Rules 1, 2, 3 and 8 through the project index, RuleTester style: each case is a task module
// linted as if it were a file of fixtures/multimodule (its imports resolve to the fixture's
// modules): inherited methods and constructors, template methods, module-level instances and values
// read at import, aliases and functools.partial, properties, class methods' parameters, Union.
import path from 'node:path';
import { REPO } from '../inventory/run-eslint.js';
import { python, ruleTester, plugin } from '../rule-tester.js';

const tester = ruleTester();
const filename = path.join(REPO, 'fixtures/multimodule/src/acme/tasks/linted.py');
const at = (code: string) => ({ code, filename });

tester.run('no-undeclared-secret (project index)', plugin.rules['no-undeclared-secret'] as never, {
  valid: [
    at(python`
      from flytekit import Secret, task
      from acme.clients.billing import LedgerClient

      @task(secret_requests=[Secret(group="ledger", key="token")])
      def entries() -> int:
          return len(LedgerClient("ledger").entries())
    `),
  ],
  invalid: [
    {
      ...at(python`
        from flytekit import task
        from acme.clients.billing import LedgerClient

        @task
        def entries() -> int:
            return len(LedgerClient("ledger").entries())
      `),
      errors: [{ suggestions: 1, line: 6, message: /reads secret ledger\/token via acme\.common\.auth\.BearerAuth\.__init__ \(line 9\)/ }],
    },
    {
      ...at(python`
        from flytekit import task
        from acme.clients.analytics import AnalyticsDatabase

        @task
        def events() -> int:
            engine = AnalyticsDatabase().engine()
            return 1
      `),
      errors: [{ suggestions: 1, line: 6, message: /analytics\/reader-password via acme\.common\.db\.Database\.engine → acme\.clients\.analytics\.AnalyticsDatabase\.url → acme\.settings\.secret/ }],
    },
    {
      ...at(python`
        from flytekit import task
        from acme.config import settings

        @task
        def environment() -> str:
            return settings.environment
      `),
      errors: [{ suggestions: 1, line: 6, message: /sentry\/dsn via acme\.config\.settings \(at import\) → acme\.config\.Settings\.__init__ \(line 8\)/ }],
    },
    {
      ...at(python`
        import union
        from acme.llm import complete

        @union.task
        def ask(prompt: str) -> str:
            return complete(prompt)
      `),
      errors: [{ suggestions: 1, line: 6, message: /reads secret openai_api_key via acme\.llm\.complete/ }],
    },
  ],
});

tester.run('no-mismatched-secret (project index)', plugin.rules['no-mismatched-secret'] as never, {
  valid: [],
  invalid: [
    {
      ...at(python`
        from flytekit import Secret, task
        from acme.settings import warehouse_secret

        @task(secret_requests=[Secret(group="warehouse", key="password")])
        def replicate() -> None:
            warehouse_secret("pasword")
      `),
      errors: [{ line: 6, message: /warehouse\/pasword via acme\.settings\.warehouse_secret → acme\.settings\.secret .*nearly matches the request warehouse\/password/ }],
    },
  ],
});

tester.run('no-unused-secret-request (project index)', plugin.rules['no-unused-secret-request'] as never, {
  valid: [
    // Read by the override the base class's engine() calls.
    at(python`
      from flytekit import Secret, task
      from acme.clients.analytics import AnalyticsDatabase

      @task(secret_requests=[Secret(group="analytics", key="reader-password")])
      def events() -> int:
          return AnalyticsDatabase().engine().dispose() or 1
    `),
    // Read at import by the module-level client the task uses.
    at(python`
      from flytekit import Secret, task
      from acme.clients.shared import warehouse

      @task(secret_requests=[Secret(group="warehouse", key="api-token")])
      def rows(rows: list) -> int:
          return warehouse.put("rows", rows)
    `),
    // Read by a property.
    at(python`
      from flytekit import Secret, task
      from acme.clients.github import GitHub

      @task(secret_requests=[Secret(group="github", key="token")])
      def repos(org: str) -> int:
          return len(GitHub(org).repos())
    `),
  ],
  invalid: [
    {
      ...at(python`
        from flytekit import Secret, task
        from acme.clients.github import GitHub

        @task(secret_requests=[Secret(group="github", key="token"), Secret(group="vendor", key="api_key")])
        def repos(org: str) -> int:
            return len(GitHub(org).repos())
      `),
      errors: [{ line: 4, message: /requests secret vendor\/api_key but never reads it/ }],
    },
  ],
});

tester.run('no-secret-leak (project index)', plugin.rules['no-secret-leak'] as never, {
  valid: [
    at(python`
      from flytekit import Secret, task
      from acme.common.retry import vendor_key
      from acme.utils.logs import audit

      @task(secret_requests=[Secret(group="vendor", key="api_key")])
      def rotate() -> None:
          key = vendor_key()
          audit.record("rotated", "ok")
    `),
  ],
  invalid: [
    {
      ...at(python`
        from flytekit import Secret, task
        from acme.common.retry import vendor_key
        from acme.utils.logs import audit

        @task(secret_requests=[Secret(group="vendor", key="api_key")])
        def rotate() -> None:
            key = vendor_key()
            audit.record("rotated", key)
      `),
      errors: [{ line: 8, message: /written by `self\.logger\.info\(\.\.\.\)` inside `acme\.utils\.logs\.AuditLog\.record`/ }],
    },
    {
      ...at(python`
        from flytekit import Secret, task
        from acme.alerts import WEBHOOK_URL

        @task(secret_requests=[Secret(group="alerts", key="webhook-url")])
        def show() -> None:
            print(WEBHOOK_URL)
      `),
      errors: [{ line: 6, message: /secret alerts\/webhook-url is written by `print\(\.\.\.\)`/ }],
    },
  ],
});
