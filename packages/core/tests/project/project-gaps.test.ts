// The project index on how real repositories hold their helpers: inherited methods and
// constructors (`super().__init__()`), module-level instances and values read at import, helpers
// held in variables (`partial`, aliases), leaks through class methods' parameters, and task
// modules that import only `union`.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initParser, type ModuleModel } from '../../src/index.js';
import { modelIn, removeProjects, writeProject } from './temp-project.js';

beforeAll(() => initParser());
afterAll(removeProjects);

const project = (files: Record<string, string>) => writeProject('flyte-secrets-gaps-', { 'pkg/__init__.py': '', ...files });
const model = (dir: string, text: string) => modelIn(dir, 'pkg/tasks.py', text);

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Reads reached through calls: `line: group/key via path [returned]`. */
function viaReads(m: ModuleModel, text: string): string[] {
  const part = (arg: ModuleModel['reads'][number]['key']) => (arg === undefined ? '-' : arg.value.known ? arg.value.value : '?');
  return m.reads.filter((r) => r.via).map((r) => `${lineOf(text, r.span.start)}: ${part(r.group)}/${part(r.key)} via ${r.via!.path}${r.via!.returned ? ' [returned]' : ''}`);
}

function leaks(m: ModuleModel, text: string): string[] {
  return m.leaks.map((l) => `${lineOf(text, l.span.start)}: ${l.sinkText}${l.via ? ` in ${l.via}` : ''}`);
}

const task = (imports: string, ...body: string[]) => [`from flytekit import task, current_context`, imports, '', '@task', 'def t():', ...body.map((line) => `    ${line}`), ''].join('\n');

const AUTH = [
  'from flytekit import current_context',
  '',
  'class TokenAuth:',
  '    def __init__(self, group, key="token"):',
  '        self.token = current_context().secrets.get(group, key)',
  '',
  'class Base:',
  '    def conn(self):',
  '        return current_context().secrets.get("warehouse", "password")',
  '',
].join('\n');

describe('inherited methods and constructors', () => {
  const dir = () =>
    project({
      'pkg/auth.py': AUTH,
      'pkg/clients.py': [
        'from pydantic import BaseModel',
        'from .auth import Base, TokenAuth',
        '',
        'class Warehouse(Base):',
        '    def rows(self):',
        '        return self.conn()',
        '',
        'class Billing(TokenAuth):',
        '    def __init__(self, account):',
        '        super().__init__("billing", key="api_token")',
        '        self.account = account',
        '',
        'class Partner(TokenAuth):',
        '    pass',
        '',
        'class Config(BaseModel):',
        '    def dsn(self):',
        '        return self.model_dump()',
        '',
      ].join('\n'),
    });

  it('finds a method in a base class of another module, and constructors through super() and inheritance', () => {
    const text = task(
      'from pkg.clients import Billing, Config, Partner, Warehouse',
      'Warehouse().conn()',
      'w = Warehouse()',
      'w.rows()',
      'Billing("acme")',
      'Partner("partner")',
      'Config().dsn()',
    );
    const m = model(dir(), text);
    expect(viaReads(m, text)).toEqual([
      '6: warehouse/password via pkg.auth.Base.conn [returned]',
      '8: warehouse/password via pkg.clients.Warehouse.rows → pkg.auth.Base.conn [returned]',
      '9: billing/api_token via pkg.clients.Billing.__init__ → pkg.auth.TokenAuth.__init__',
      '10: partner/token via pkg.auth.TokenAuth.__init__',
    ]);
    // A method of a library base class (pydantic's BaseModel) is library code: nothing unresolved.
    expect(m.functions[0]!.opaqueReason).toBeUndefined();
  });
});

describe('template methods', () => {
  it('calls the override of a method that a base class calls on self (a template method)', () => {
    const dir = project({
      'pkg/base.py': 'class Connector:\n    def connect(self):\n        return make(self.dsn())\n    def dsn(self):\n        raise NotImplementedError\n',
      'pkg/warehouse.py': 'from flytekit import current_context\nfrom .base import Connector\n\nclass Warehouse(Connector):\n    def dsn(self):\n        return current_context().secrets.get("warehouse", "dsn")\n\nclass Lake(Connector):\n    def __init__(self):\n        super().__init__()\n        self.connect()\n',
    });
    const text = task('from pkg.warehouse import Lake, Warehouse', 'Warehouse().connect()', 'Lake()');
    const m = model(dir, text);
    expect(viaReads(m, text)).toEqual(['6: warehouse/dsn via pkg.base.Connector.connect → pkg.warehouse.Warehouse.dsn']);
  });
});

describe('module-level instances and values read at import', () => {
  const dir = () =>
    project({
      'pkg/auth.py': AUTH,
      'pkg/config.py': [
        'from flytekit import current_context',
        'from .auth import Base, TokenAuth',
        '',
        'class Settings:',
        '    def __init__(self):',
        '        self.db_password = current_context().secrets.get("db", "password")',
        '',
        'settings = Settings()',
        'warehouse = Base()',
        'github = TokenAuth("github")',
        'SLACK_TOKEN = current_context().secrets.get("slack", "token")',
        'SLACK_HEADER = f"Bearer {SLACK_TOKEN}"',
        'LIMIT = int("10")',
        '',
      ].join('\n'),
      'pkg/clients.py': 'from .config import settings, warehouse\n\n__all__ = ["settings", "warehouse"]\n',
    });

  it('counts what a module computed at import where a task uses it, and its methods as the class’s', () => {
    const text = task(
      'from pkg.clients import settings, warehouse\nfrom pkg import config\nfrom pkg.config import LIMIT, SLACK_HEADER',
      'connect(settings.db_password)',
      'warehouse.conn()',
      'print(config.SLACK_TOKEN)',
      'send(SLACK_HEADER, LIMIT)',
    );
    const m = model(dir(), text);
    expect(viaReads(m, text)).toEqual([
      '8: db/password via pkg.config.settings (at import) → pkg.config.Settings.__init__',
      '9: warehouse/password via pkg.auth.Base.conn [returned]',
      '10: slack/token via pkg.config.SLACK_TOKEN (at import) [returned]',
      '11: slack/token via pkg.config.SLACK_HEADER (at import) → pkg.config.SLACK_TOKEN (at import) [returned]',
    ]);
    expect(leaks(m, text)).toEqual(['10: print']);
    expect(m.functions[0]!.opaqueReason).toBeUndefined();
  });

  it('follows a value of the task module itself', () => {
    const text = ['from flytekit import task', 'from pkg.config import Settings', '', 'settings = Settings()', '', '@task', 'def t():', '    return settings.db_password', ''].join('\n');
    expect(viaReads(model(dir(), text), text)).toEqual(['8: db/password via pkg.tasks.settings (at import) → pkg.config.Settings.__init__']);
  });
});

describe('functions held in variables', () => {
  it('follows aliases and functools.partial, at module level and in a function, and callbacks', () => {
    const dir = project({
      'pkg/settings.py': [
        'from functools import partial',
        'from flytekit import current_context',
        '',
        'def secret(group, key="password"):',
        '    return current_context().secrets.get(group, key)',
        '',
        'def token():',
        '    return current_context().secrets.get("api", "token")',
        '',
        'db_secret = partial(secret, "db")',
        'read_secret = secret',
        '',
      ].join('\n'),
    });
    const text = task(
      'import functools; from pkg.settings import db_secret, read_secret, secret, token',
      'db_secret("user")',
      'read_secret("s3", key="access_key")',
      'reader = secret',
      'reader("vault", "root")',
      'get = functools.partial(secret, key="token")',
      'get("github")',
      'with_retry(token)',
    );
    expect(viaReads(model(dir, text), text)).toEqual([
      '6: db/user via pkg.settings.db_secret → pkg.settings.secret [returned]',
      '7: s3/access_key via pkg.settings.read_secret → pkg.settings.secret [returned]',
      '9: vault/root via pkg.settings.secret [returned]',
      '11: github/token via pkg.settings.secret [returned]',
      '12: api/token via pkg.settings.token [returned]',
    ]);
  });
});

describe('leaks through class methods of other modules', () => {
  it('reports a secret passed to a method that logs its parameter, however the instance is reached', () => {
    const dir = project({
      'pkg/audit.py': [
        'import logging',
        'logger = logging.getLogger(__name__)',
        '',
        'class Auditor:',
        '    def __init__(self, label="audit"):',
        '        self.label = label',
        '    def record(self, who, value):',
        '        logger.info("%s used %s", who, value)',
        '    def forward(self, value):',
        '        self.record("forwarded", value)',
        '    @staticmethod',
        '    def shout(value):',
        '        print(value)',
        '',
        'class SlackAuditor(Auditor):',
        '    pass',
        '',
        'auditor = Auditor()',
        '',
      ].join('\n'),
    });
    const text = task(
      'from pkg.audit import Auditor, SlackAuditor, auditor',
      'tok = current_context().secrets.get("g", "k")',
      'Auditor().record("me", tok)',
      'a = Auditor()',
      'a.record(who="me", value=tok)',
      'auditor.forward(tok)',
      'SlackAuditor().record("me", tok)',
      'Auditor.shout(tok)',
      'a.record(tok, "constant")',
      'a.record("me", "constant")',
    );
    expect(leaks(model(dir, text), text)).toEqual([
      '7: logger.info in pkg.audit.Auditor.record',
      '9: logger.info in pkg.audit.Auditor.record',
      '10: logger.info in pkg.audit.Auditor.forward → pkg.audit.Auditor.record',
      '11: logger.info in pkg.audit.Auditor.record',
      '12: print in pkg.audit.Auditor.shout',
      '13: logger.info in pkg.audit.Auditor.record',
    ]);
  });
});

describe('task modules that import only union', () => {
  it('follows the calls of union tasks, however the decorator is imported', () => {
    const dir = project({ 'pkg/llm.py': 'import union\n\ndef complete(prompt):\n    return union.current_context().secrets.get(key="openai_api_key")\n' });
    for (const imports of ['import union', 'from union import task as union_task', 'from union import ActorEnvironment']) {
      const decorator = imports === 'import union' ? '@union.task' : imports.includes('union_task') ? '@union_task' : '@actor.task';
      const text = [imports, 'from pkg.llm import complete', '', ...(decorator === '@actor.task' ? ['actor = ActorEnvironment(name="a")', ''] : []), decorator, 'def t(p: str) -> str:', '    return complete(p)', ''].join('\n');
      const m = model(dir, text);
      expect(m.tasks.map((t) => t.name), imports).toEqual(['t']);
      expect(viaReads(m, text).map((r) => r.replace(/^\d+: /, '')), imports).toEqual(['-/openai_api_key via pkg.llm.complete [returned]']);
    }
  });
});

describe('properties', () => {
  it('reads a property where the attribute is read, on self, instances, module-level values and Client()', () => {
    const dir = project({
      'pkg/client.py': [
        'from functools import cached_property',
        'from flytekit import current_context',
        '',
        'class Client:',
        '    def __init__(self):',
        '        self.timeout = 5',
        '    @property',
        '    def token(self):',
        '        return current_context().secrets.get("api", "token")',
        '    @cached_property',
        '    def headers(self):',
        '        return {"Authorization": self.token}',
        '    def ping(self):',
        '        return self.timeout',
        '',
        'client = Client()',
        '',
      ].join('\n'),
    });
    const text = task('from pkg.client import Client, client', 'c = Client()', 'send(c.headers)', 'print(client.token)', 'Client().token.upper()', 'c.ping()');
    const m = model(dir, text);
    expect(viaReads(m, text)).toEqual([
      '7: api/token via pkg.client.Client.headers → pkg.client.Client.token [returned]',
      '8: api/token via pkg.client.Client.token [returned]',
      '9: api/token via pkg.client.Client.token [returned]',
    ]);
    expect(leaks(m, text)).toEqual(['8: print']);
  });
});

describe('dict dispatch', () => {
  it('makes a task that calls a function picked from a module-level dict opaque (no "never reads" claim)', () => {
    const dir = project({
      'pkg/feeds.py': 'from flytekit import current_context\n\ndef _sftp():\n    return current_context().secrets.get("sftp", "password")\n\ndef _api():\n    return 1\n\nSOURCES = {"sftp": _sftp, "api": _api}\n\ndef load(source):\n    return SOURCES[source]()\n',
    });
    const text = task('from pkg.feeds import load', 'load("api")');
    expect(model(dir, text).functions[0]!.opaqueReason).toBe('calls `SOURCES[...]`, which flyte-secrets cannot resolve in the repository');
  });
});
