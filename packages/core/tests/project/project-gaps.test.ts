// The project index on how real repositories hold their helpers: inherited methods and
// constructors (`super().__init__()`), module-level instances and values read at import, helpers
// held in variables (`partial`, aliases), leaks through class methods' parameters, and task
// modules that import only `union`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSource, FileModuleLoader, initParser, summarizeModule, type ModuleModel } from '../../src/index.js';

const dirs: string[] = [];
beforeAll(() => initParser());
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flyte-secrets-gaps-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "acme"\n');
  for (const [name, text] of Object.entries({ 'pkg/__init__.py': '', ...files })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function model(dir: string, text: string): ModuleModel {
  const filePath = path.join(dir, 'pkg/tasks.py');
  writeFileSync(filePath, text);
  const parsed = analyzeSource(text, { filePath, loader: new FileModuleLoader(summarizeModule) });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.analysis.module;
}

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
