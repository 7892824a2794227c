// The project index: resolution of repository calls across modules (imports, re-exports, module
// attributes, classes, parametrised helpers, cycles), what flows through them, and the
// fingerprint of the summaries.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initParser, ProjectIndex, projectFingerprint, resolveImportedName, summarizeModule, type ModuleModel } from '../../src/index.js';
import { modelIn, removeProjects, writeProject } from './temp-project.js';

beforeAll(() => initParser());
afterAll(removeProjects);

const project = (files: Record<string, string>) => writeProject('flyte-secrets-index-', files);
const model = modelIn;

/** Reads reached through calls: `line: group/key via path [returned]`. */
function viaReads(m: ModuleModel, text: string): string[] {
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  return m.reads.filter((r) => r.via).map((r) => `${line(r.span.start)}: ${r.group?.value.known ? r.group.value.value : '?'}/${r.key?.value.known ? r.key.value.value : '?'} via ${r.via!.path}${r.via!.returned ? ' [returned]' : ''}`);
}

const SETTINGS = 'from flytekit import current_context\n\nGROUP = "warehouse"\n\ndef secret(group, key="password"):\n    return current_context().secrets.get(group, key)\n';

describe('project index', () => {
  it('follows a src/ layout, relative imports, __init__ re-exports, module attributes and classes', () => {
    const dir = project({
      'src/acme/__init__.py': '',
      'src/acme/settings.py': SETTINGS,
      'src/acme/clients/__init__.py': 'from .db import engine, Client\n__all__ = ["engine", "Client"]\n',
      'src/acme/clients/db.py':
        'from ..settings import GROUP, secret\n\ndef engine():\n    return make(secret(GROUP))\n\nclass Client:\n    def __init__(self):\n        self.session = object()\n    def put(self, row):\n        return self._token()\n    def _token(self):\n        return secret("api", key="token")\n',
    });
    const text = [
      'from flytekit import task',
      'import acme.clients.db as db',
      'from acme.clients import engine, Client',
      '',
      '@task',
      'def t():',
      '    engine()',
      '    db.engine()',
      '    Client()',
      '    c = Client()',
      '    c.put(1)',
      '    engine().execute("select 1")',
      '',
    ].join('\n');
    expect(viaReads(model(dir, 'src/acme/tasks.py', text), text)).toEqual([
      '7: warehouse/password via acme.clients.db.engine → acme.settings.secret',
      '8: warehouse/password via acme.clients.db.engine → acme.settings.secret',
      '11: api/token via acme.clients.db.Client.put → acme.clients.db.Client._token → acme.settings.secret [returned]',
      '12: warehouse/password via acme.clients.db.engine → acme.settings.secret',
    ]);
  });

  it('terminates on import cycles and counts each read once per path', () => {
    const dir = project({
      'pkg/__init__.py': '',
      'pkg/a.py': 'from flytekit import current_context\nfrom . import b\n\ndef f(n):\n    if n:\n        b.g(n - 1)\n    return current_context().secrets.get("a", "k")\n',
      'pkg/b.py': 'from flytekit import current_context\nfrom .a import f\n\ndef g(n):\n    f(n)\n    return current_context().secrets.get("b", "k")\n',
    });
    const text = 'from flytekit import task\nfrom pkg.a import f\n\n@task\ndef t():\n    f(3)\n';
    expect(viaReads(model(dir, 'pkg/tasks.py', text), text)).toEqual(['6: a/k via pkg.a.f [returned]', '6: b/k via pkg.a.f → pkg.b.g']);
  });

  it('marks a task opaque when it calls repository code it cannot resolve', () => {
    const dir = project({
      'pkg/__init__.py': '',
      // A base class made by a function: its methods cannot be known.
      'pkg/base.py': 'def make_base():\n    return type("Base", (), {})\n\nBase = make_base()\n',
      'pkg/vendor.py': 'from .base import Base\n\nclass Vendor(Base):\n    def orders(self):\n        return self.get()\n',
    });
    const text = 'from flytekit import task\nfrom pkg.vendor import Vendor\nfrom pkg.missing import nothing\n\n@task\ndef t():\n    Vendor().orders()\n';
    const m = model(dir, 'pkg/tasks.py', text);
    expect(m.functions[0]!.opaqueReason).toBe('calls `pkg.vendor.Vendor.get`, which flyte-secrets cannot resolve in the repository');
  });

  it('reports a leak where a secret enters a helper of another module, naming the sink', () => {
    const dir = project({
      'pkg/__init__.py': '',
      'pkg/logs.py': 'import logging\nlog = logging.getLogger()\n\ndef show(label, value):\n    log.info("%s=%s", label, value)\n\ndef relay(value):\n    show("v", value)\n',
    });
    const text = 'from flytekit import Secret, task, current_context\nfrom pkg.logs import relay, show\n\n@task(secret_requests=[Secret(group="g", key="k")])\ndef t():\n    v = current_context().secrets.get("g", "k")\n    show("label", "constant")\n    relay(v)\n';
    const leaks = model(dir, 'pkg/tasks.py', text).leaks.map((l) => [text.slice(0, l.span.start).split('\n').length, l.sinkText, l.via]);
    expect(leaks).toEqual([[8, 'log.info', 'pkg.logs.relay → pkg.logs.show']]);
  });

  it('resolves an imported module-level object (a TaskEnvironment) through re-exports', () => {
    const dir = project({
      'envs/__init__.py': 'from .gpu import gpu_env\n',
      'envs/gpu.py': 'import flyte\n\ngpu_env = flyte.TaskEnvironment(name="gpu", secrets=[flyte.Secret(key="hf")])\n',
    });
    const loader = new ProjectIndex({ summarize: summarizeModule });
    const found = resolveImportedName(loader, path.join(dir, 'tasks.py'), { module: 'envs', name: 'gpu_env' });
    expect(found && 'file' in found ? [path.relative(dir, found.file), found.name] : found).toEqual(['envs/gpu.py', 'gpu_env']);
    expect(resolveImportedName(loader, path.join(dir, 'tasks.py'), { module: 'flyte', name: 'TaskEnvironment' })).toEqual({ library: true });
  });

  it('fingerprints what modules tell each other, not their comments', () => {
    const dir = project({ 'pkg/__init__.py': '', 'pkg/s.py': SETTINGS });
    const fingerprint = () => projectFingerprint(dir, new ProjectIndex({ summarize: summarizeModule }));
    const before = fingerprint();
    writeFileSync(path.join(dir, 'pkg/s.py'), `${SETTINGS}# a trailing comment\n`);
    expect(fingerprint()).toBe(before);
    writeFileSync(path.join(dir, 'pkg/s.py'), SETTINGS.replace('"password"', '"token"'));
    expect(fingerprint()).not.toBe(before);
  });
});
