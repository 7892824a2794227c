import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['no-secret-leak'];

/** A task that passes its secret through 3000 assignments before printing it: no stack overflow. */
const longChain = [
  'from flytekit import Secret, task, current_context',
  '',
  '@task(secret_requests=[Secret(group="db", key="password")])',
  'def t():',
  '    v0 = current_context().secrets.get("db", "password")',
  ...Array.from({ length: 2999 }, (_, i) => `    v${i + 1} = v${i} + "-"`),
  '    print(v2999)',
  '',
].join('\n');

ruleTester().run('no-secret-leak', rule as never, {
  valid: [
    // Secrets handed to the libraries that need them, in every read spelling.
    python`
      import logging
      import os
      import boto3
      import psycopg2
      import requests
      import flytekit as fk
      from flytekit import Secret, task, current_context

      logger = logging.getLogger(__name__)

      @task(secret_requests=[Secret(group="db", key="password"), Secret(group="aws", key="secret_access_key"), Secret(key="token")])
      def t() -> int:
          ctx = fk.current_context()
          sm = ctx.secrets
          conn = psycopg2.connect(host="db", user="etl", password=ctx.secrets.get("db", "password"))
          s3 = boto3.client("s3", aws_access_key_id="AKIAEXAMPLE", aws_secret_access_key=sm.aws.secret_access_key)
          token = current_context().secrets.get(key="token")
          headers = {"Authorization": f"Bearer {token}"}
          response = requests.get("https://api.example.com/v1/items", headers=headers, timeout=10)
          logger.info("fetched %d items", len(response.json()))
          os.environ["OPENAI_API_KEY"] = token
          return response.status_code
    `,
    // Checks, masking, hashes and lengths are not the value.
    python`
      import hashlib
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="api", key="token")])
      def t() -> str:
          token = current_context().secrets.get("api", "token")
          if not token:
              raise ValueError("the api/token secret is empty")
          assert token, "the api/token secret is empty"
          print(f"using token {token[:4]}...")
          print("token length", len(token))
          return hashlib.sha256(token.encode()).hexdigest()
    `,
    // A variable assigned again no longer holds the secret; other keys of a dict are not the secret.
    python`
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def t() -> str:
          password = current_context().secrets.get("db", "password")
          config = {"user": "etl", "password": password}
          print(config["user"], config.get("user"))
          password = "<redacted>"
          print(password)
          return config["user"]
    `,
    // A helper that returns a secret to a task that only uses it; helper returns are not task outputs.
    python`
      import snowflake.connector
      from flytekit import Secret, task, current_context

      def password() -> str:
          return current_context().secrets.get("snowflake", "password")

      @task(secret_requests=[Secret(group="snowflake", key="password")])
      def t() -> int:
          conn = snowflake.connector.connect(user="etl", password=password(), account="xy12345")
          return conn.cursor().execute("SELECT 1").fetchone()[0]
    `,
    // Writing a secret to a file that is not an output of the task (a netrc for a CLI).
    python`
      import os
      from flytekit import Secret, task, current_context
      from flytekit.types.file import FlyteFile

      @task(secret_requests=[Secret(group="git", key="token")])
      def t() -> FlyteFile:
          netrc = os.path.expanduser("~/.netrc")
          with open(netrc, "w") as f:
              f.write(f"machine github.com login x password {current_context().secrets.get('git', 'token')}")
          out = os.path.join(current_context().working_directory, "report.csv")
          with open(out, "w") as f:
              f.write("a,b\\n")
          return FlyteFile(out)
    `,
    // Environment variables that are no secrets, and a variable the guide names that is never set.
    python`
      import os
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="db", key="password")])
      def t() -> str:
          print(os.environ["HOME"], os.getenv("FLYTE_SECRETS_DB_PASSWORD"))
          return os.environ.get("DB_HOST", "localhost")
    `,
    // Flyte 2: the secret goes to the client; a non-secret variable is returned.
    python`
      import os
      import flyte
      from openai import OpenAI

      env = flyte.TaskEnvironment(name="llm", secrets=[flyte.Secret(key="openai_api_key", as_env_var="OPENAI_API_KEY")])

      @env.task
      async def summarize(text: str) -> str:
          client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
          reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
          return reply.choices[0].message.content
    `,
    // A @dynamic passes names, not values, to the tasks it calls.
    python`
      from flytekit import Secret, task, dynamic, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def load(table: str) -> int:
          current_context().secrets.get("db", "password")
          return 1

      @dynamic(secret_requests=[Secret(group="db", key="password")])
      def d(tables: list[str]) -> None:
          current_context().secrets.get("db", "password")
          for table in tables:
              load(table=table)
    `,
  ],
  invalid: [
    {
      // The seed guide's Vault example returns the secret from the task.
      code: python`
        import flytekit
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="my-db-credentials", key="password", mount_requirement=Secret.MountType.FILE)])
        def query_database() -> str:
            ctx = flytekit.current_context()
            db_password = ctx.get_secret("my-db-credentials", "password")
            return db_password
      `,
      errors: [{ messageId: 'leakReturn', line: 8, column: 12, data: { secret: 'my-db-credentials/password', task: 'query_database' } }],
    },
    {
      // Each log sink, through an f-string, concatenation, %, .format, str() and a dict.
      code: python`
        import logging
        import sys
        from flytekit import Secret, task, current_context, logger

        log = logging.getLogger(__name__)

        @task(secret_requests=[Secret(group="db", key="password")])
        def t() -> None:
            ctx = current_context()
            password = ctx.secrets.get("db", "password")
            dsn = f"postgresql://etl:{password}@db:5432/warehouse"
            print(dsn)
            logging.info("dsn " + dsn)
            log.warning("password %s" % password)
            logger.debug("{}".format(password))
            logging.getLogger("x").error(str(password))
            sys.stderr.write(password)
            print({"password": password})
      `,
      errors: [
        { messageId: 'leakLog', line: 12, column: 5, data: { secret: 'db/password', sink: 'print', via: '' } },
        { messageId: 'leakLog', line: 13, column: 5, data: { secret: 'db/password', sink: 'logging.info', via: '' } },
        { messageId: 'leakLog', line: 14, column: 5, data: { secret: 'db/password', sink: 'log.warning', via: '' } },
        { messageId: 'leakLog', line: 15, column: 5, data: { secret: 'db/password', sink: 'logger.debug', via: '' } },
        { messageId: 'leakLog', line: 16, column: 5 },
        { messageId: 'leakLog', line: 17, column: 5, data: { secret: 'db/password', sink: 'sys.stderr.write', via: '' } },
        { messageId: 'leakLog', line: 18, column: 5 },
      ],
    },
    {
      // Exception messages (raise and assert), decks, and the other read spellings.
      code: python`
        import flytekit
        from flytekit import Deck, Secret, task

        SECRET = Secret(group="api", key="token")

        @task(secret_requests=[SECRET], enable_deck=True)
        def t() -> None:
            sm = flytekit.current_context().secrets
            token = sm.get(SECRET.group, SECRET.key)
            attribute = sm.api.token
            if token != attribute:
                raise RuntimeError(f"token {token} does not match")
            assert token.startswith("sk-"), "bad token: " + token
            Deck("debug", f"<pre>{attribute}</pre>")
            deck = Deck("more")
            deck.append(token)
            flytekit.current_context().default_deck.append(token)
      `,
      errors: [
        { messageId: 'leakRaise', line: 12, column: 9, data: { secret: 'api/token', sink: 'RuntimeError', via: '' } },
        { messageId: 'leakRaise', line: 13, column: 5, data: { secret: 'api/token', sink: 'assert', via: '' } },
        { messageId: 'leakDeck', line: 14, column: 5, data: { secret: 'api/token', sink: 'Deck', via: '' } },
        { messageId: 'leakDeck', line: 16, column: 5, data: { secret: 'api/token', sink: 'deck.append', via: '' } },
        { messageId: 'leakDeck', line: 17, column: 5, data: { secret: 'api/token', sink: 'flytekit.current_context().default_deck.append', via: '' } },
      ],
    },
    {
      // Module helpers: a parameter that is printed, a returned tuple unpacked, a dataclass returned.
      code: python`
        from dataclasses import dataclass
        from flytekit import Secret, task, current_context

        @dataclass
        class Credentials:
            user: str
            password: str

        def show(label, value):
            print(label, value)

        def credentials():
            secrets = current_context().secrets
            return secrets.get("db", "user"), secrets.get("db", "password")

        @task(secret_requests=[Secret(group="db", key="user"), Secret(group="db", key="password")])
        def t() -> Credentials:
            user, password = credentials()
            show("password", password)
            return Credentials(user=user, password=password)
      `,
      errors: [
        // Reported where the secret enters the helper (issue 14 item 4), naming the sink inside it.
        { messageId: 'leakLog', line: 19, column: 5, data: { secret: 'db/password', sink: 'print', via: ' inside `show`, which this call passes it to' } },
        { messageId: 'leakReturn', line: 20, column: 12, data: { secret: 'db/user and db/password', task: 't' } },
      ],
    },
    {
      // A helper that logs what it is given: one finding per call that passes a secret, none inside the helper.
      code: python`
        import logging
        from flytekit import Secret, task, current_context

        logger = logging.getLogger(__name__)

        def log_info(message):
            logger.info(message)

        def connect(workspace_id):
            log_info(f"connecting to {workspace_id}")

        @task(secret_requests=[Secret(group="lepton", key="workspace")])
        def t() -> None:
            workspace = current_context().secrets.get("lepton", "workspace")
            connect(workspace)
            log_info("starting")
            log_info(workspace)
      `,
      errors: [
        { messageId: 'leakLog', line: 15, column: 5, data: { secret: 'lepton/workspace', sink: 'logger.info', via: ' inside `connect`, which this call passes it to' } },
        { messageId: 'leakLog', line: 17, column: 5, data: { secret: 'lepton/workspace', sink: 'logger.info', via: ' inside `log_info`, which this call passes it to' } },
      ],
    },
    {
      // Files read through the API's paths, a file written into a returned FlyteDirectory, and task inputs.
      code: python`
        import json
        import os
        from flytekit import Secret, task, dynamic, current_context
        from flytekit.types.directory import FlyteDirectory

        @task(secret_requests=[Secret(group="gcp", key="service_account")])
        def export() -> FlyteDirectory:
            ctx = current_context()
            with open(ctx.secrets.get_secrets_file("gcp", "service_account")) as f:
                account = json.load(f)
            out_dir = os.path.join(ctx.working_directory, "export")
            with open(os.path.join(out_dir, "account.json"), "w") as out:
                json.dump(account, out)
            return FlyteDirectory(out_dir)

        @task
        def use(token: str) -> None: ...

        @dynamic(secret_requests=[Secret(group="api", key="token")])
        def fan_out() -> None:
            token = os.environ[current_context().secrets.get_secrets_env_var("api", "token")]
            use(token=token)
      `,
      errors: [
        { messageId: 'leakOutput', line: 13, column: 9, data: { secret: 'gcp/service_account', sink: 'json.dump', task: 'export', via: '' } },
        { messageId: 'leakTaskInput', line: 22, column: 5, data: { secret: 'api/token', sink: 'use' } },
      ],
    },
    {
      // Direct reads of the injected variable and file are secrets too; @eager returns are outputs.
      code: python`
        import os
        from pathlib import Path
        from flytekit import Secret, eager

        @eager(secret_requests=[Secret(group="db", key="password", mount_requirement=Secret.MountType.ENV_VAR), Secret(group="tls", key="key")])
        async def e() -> str:
            password = os.environ["_FSEC_DB_PASSWORD"]
            key = Path("/etc/flyte/secrets/tls/key").read_text()
            print(key)
            return password
      `,
      errors: [
        { messageId: 'leakLog', line: 9, column: 5, data: { secret: 'file /etc/flyte/secrets/tls/key', sink: 'print', via: '' } },
        { messageId: 'leakReturn', line: 10, column: 12, data: { secret: 'variable _FSEC_DB_PASSWORD', task: 'e' } },
      ],
    },
    {
      // flytekit env_var= names read through os.environ (flytekit 1.15+).
      code: python`
        import os
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="slack", key="token", env_var="SLACK_TOKEN", mount_requirement=Secret.MountType.ENV_VAR)])
        def notify() -> str:
            return "token=" + os.getenv("SLACK_TOKEN")
      `,
      errors: [{ messageId: 'leakReturn', line: 6, column: 12, data: { secret: 'variable SLACK_TOKEN', task: 'notify' } }],
    },
    {
      // Flyte 2: an as_env_var name, the default name of a bare string secret, a report, a return.
      code: python`
        import os
        import flyte
        import flyte.report

        env = flyte.TaskEnvironment(name="bot", secrets=["slack-token", flyte.Secret(key="openai_api_key", as_env_var="OPENAI_API_KEY")])

        @env.task(report=True)
        async def debug() -> str:
            slack = os.environ["SLACK_TOKEN"]
            await flyte.report.log.aio(f"<p>{slack}</p>")
            tab = flyte.report.get_tab("env")
            tab.log(os.getenv("OPENAI_API_KEY"))
            return os.environ.get("OPENAI_API_KEY")
      `,
      errors: [
        { messageId: 'leakDeck', line: 10, column: 11, data: { secret: 'variable SLACK_TOKEN', sink: 'flyte.report.log.aio', via: '' } },
        { messageId: 'leakDeck', line: 12, column: 5, data: { secret: 'variable OPENAI_API_KEY', sink: 'tab.log', via: '' } },
        { messageId: 'leakReturn', line: 13, column: 12, data: { secret: 'variable OPENAI_API_KEY', task: 'debug' } },
      ],
    },
    {
      // flytekit's env_var= of a FILE mount holds the file's path: what is read from it is the secret,
      // the path itself is not (flytekit's remote integration test get_secret.py).
      code: python`
        from os import getenv
        from flytekit import task, Secret

        secret_env_file = Secret(group="my-group", key="token", env_var="MY_SECRET_FILE", mount_requirement=Secret.MountType.FILE)

        @task(secret_requests=[secret_env_file])
        def get_secret_file() -> str:
            print(getenv("MY_SECRET_FILE"))
            with open(getenv("MY_SECRET_FILE")) as f:
                return f.read()
      `,
      errors: [{ messageId: 'leakReturn', line: 10, column: 16, data: { secret: 'file named by variable MY_SECRET_FILE', task: 'get_secret_file' } }],
    },
    {
      // Flyte 2: the file of a `mount=` secret, read the documented way, is still the secret (unionai-examples' user guide).
      code: python`
        import flyte

        env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="my_secret", mount="/etc/flyte/secrets")])

        @env.task
        def t():
            with open("/etc/flyte/secrets/my_secret", "r") as f:
                content = f.read()
            print(f"My secret file content is: {content}")
      `,
      errors: [{ messageId: 'leakLog', line: 9, column: 5, data: { secret: 'file /etc/flyte/secrets/my_secret', sink: 'print', via: '' } }],
    },
    {
      // Comprehensions over a secret's parts.
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="api", key="keys")])
        def t() -> list[str]:
            keys = current_context().secrets.get("api", "keys").split(",")
            return [key.strip() for key in keys if key]
      `,
      errors: [{ messageId: 'leakReturn', line: 6, column: 12, data: { secret: 'api/keys', task: 't' } }],
    },
    {
      // Non-ASCII variable names are followed too.
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="db", key="password")])
        def t() -> None:
            пароль = current_context().secrets.get("db", "password")
            print(пароль)
      `,
      errors: [{ messageId: 'leakLog', line: 6, column: 5 }],
    },
    { code: longChain, errors: [{ messageId: 'leakLog', line: 3005, column: 5 }] },
    {
      // A configured env prefix: the module mentions no "secret" word and is analysed all the same.
      code: python`
        import os

        def connect():
            password = os.environ["ACME_DB_PASSWORD"]
            print(password)
      `,
      settings: { '@flyte-secrets': { 'env-prefix': 'ACME_' } },
      errors: [{ messageId: 'leakLogOutsideTask', line: 5, column: 5, data: { secret: 'variable ACME_DB_PASSWORD', sink: 'print', via: '' } }],
    },
    {
      // Code that no task runs (flytekit's Lepton connector, which logs in the connector service) is
      // not said to write task logs.
      code: python`
        from flytekit import current_context

        def log_info(message: str) -> None:
            print(message, flush=True)

        class LeptonConnector:
            @property
            def client(self):
                workspace_id = current_context().secrets.get("lepton_workspace_id")
                log_info(f"Creating Lepton API client for workspace: {workspace_id}")
      `,
      errors: [
        {
          line: 10,
          column: 9,
          message:
            'The value of secret lepton_workspace_id is written by `print(...)` inside `log_info`, which this call passes it to: the log backend keeps it in plain text, and where a task runs this code, the Flyte console shows it to everyone who can see the execution.',
        },
      ],
    },
  ],
});
