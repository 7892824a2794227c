// Attaches to the linted module what its functions reach in the rest of the repository: each read
// reached through a repository call becomes a read at that call (with the helpers' path), calls
// that cannot be resolved make the function opaque, and a value passed to a helper that writes it
// to a sink is a leak at the call.
import type { ModuleLoader } from '../model/module-loader.js';
import type { ModuleScope } from '../model/module-scope.js';
import type { CallSinks } from '../model/secret-flow.js';
import type { ArgValue, FunctionModel, SecretRead, Span } from '../model/types.js';
import { spanOf } from '../python/syntax.js';
import { findCalls, type CallNames, type FoundCall } from './calls.js';
import { ProjectCalls } from './project-calls.js';

export function attachProjectReads(scope: ModuleScope, names: CallNames, functions: FunctionModel[], reads: SecretRead[], loader: ModuleLoader): CallSinks | undefined {
  const project = new ProjectCalls(loader);
  const callsBySpan = new Map<string, FoundCall>();
  for (const fn of functions) {
    for (const call of findCalls(names, scope.functions[fn.index]!.node, [])) {
      callsBySpan.set(`${call.node.startIndex}:${call.node.endIndex}`, call);
      const reach = project.reach(call);
      if (reach.unresolved.length) fn.opaqueReason ??= `calls \`${reach.unresolved[0]}\`, which flyte-secrets cannot resolve in the repository`;
      else if (reach.opaque) fn.opaqueReason ??= `calls ${reach.opaque}`;
      const span = spanOf(call.node);
      const seen = new Set<string>();
      for (const reached of reach.reads) {
        const key = JSON.stringify([reached.kind, reached.group, reached.key, reached.groupVersion, reached.returned]);
        if (seen.has(key)) continue;
        seen.add(key);
        const read: SecretRead = {
          kind: reached.kind,
          span,
          group: argOf(reached.group, span),
          key: argOf(reached.key, span),
          groupVersion: argOf(reached.groupVersion, span),
          single: reached.single,
          opaqueArgs: reached.opaqueArgs,
          otherArgs: false,
          keywordStyle: false,
          unknownKeywords: [],
          receiver: { text: call.callee, span, isContext: false },
          functionIndex: fn.index,
          via: { path: reached.path.join(' → '), returned: reached.returned, at: { file: reached.file, line: reached.line } },
        };
        fn.reads.push(read);
        reads.push(read);
      }
    }
  }
  if (!callsBySpan.size) return undefined;
  return (node, where) => {
    const call = callsBySpan.get(`${node.startIndex}:${node.endIndex}`);
    if (!call || where === undefined) return [];
    return project.sinks(call.target, where).map((sink) => ({ sink: sink.sink, text: sink.text, via: sink.path.join(' → ') }));
  };
}

function argOf(part: string | null | undefined, span: Span): ArgValue | undefined {
  if (part === null) return undefined;
  return part === undefined ? { span, text: '', value: { known: false } } : { span, text: JSON.stringify(part), value: { known: true, value: part } };
}
