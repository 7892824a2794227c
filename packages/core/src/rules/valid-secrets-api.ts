import type { KeywordArg, ModuleModel, SecretRead } from '../model/types.js';
import { codeForMessage } from '../text/code-in-message.js';
import { SECRETS_MANAGER_METHODS } from '../model/symbols.js';
import { pyString } from './read-fixes.js';
import { requestsOf } from '../model/secret-arguments.js';
import type { CoreRule, Finding, Suggestion, TextEdit } from './types.js';

/** Removes `, keyword=value` (or `keyword=value, ` when it comes first) from a call's arguments. */
function removeKeyword(keyword: KeywordArg, text: string): TextEdit {
  const before = /,\s*$/.exec(text.slice(0, keyword.span.start));
  if (before) return { span: { start: before.index, end: keyword.span.end }, text: '' };
  const after = /^\s*,\s*/.exec(text.slice(keyword.span.end));
  return { span: { start: keyword.span.start, end: keyword.span.end + (after?.[0].length ?? 0) }, text: '' };
}

/** What to offer for `secrets.get(..., env_var="X")`: read by group and key, or read the variable itself. */
function envVarSuggestions(read: SecretRead, keyword: KeywordArg, model: ModuleModel, text: string): Suggestion[] {
  const suggestions: Suggestion[] = [{ messageId: 'removeEnvVar', edits: [removeKeyword(keyword, text)] }];
  const name = keyword.value.value.known ? keyword.value.value.value : undefined;
  const request = name !== undefined ? requestsOf(model).find((r) => r.envVar?.value.known && r.envVar.value.value === name) : undefined;
  // Only an ENV_VAR mount puts the value itself in the variable; under FILE it holds the file's path.
  if (request?.mount === 'ENV_VAR' && model.environ && read.unknownKeywords.length === 1) {
    const replacement = `${model.environ}[${pyString(name!)}]`;
    suggestions.push({ messageId: 'useEnviron', data: { replacement }, edits: [{ span: read.span, text: replacement }] });
  }
  return suggestions;
}

export const validSecretsApi: CoreRule = {
  name: 'valid-secrets-api',
  meta: {
    type: 'problem',
    description: 'Disallow secret accessors and arguments that flytekit does not have',
    recommended: 'error',
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      contextGetSecret:
        '`{{call}}` does not exist in flytekit: looking up `get_secret` on the context raises AssertionError ("GET_SECRET not available as a parameter in Flyte context") when the task runs. Use `{{replacement}}`.',
      managerGetSecret:
        '`{{call}}` does not exist in flytekit: the secrets manager takes `get_secret` for a secret group, and calling it raises TypeError when the task runs. Use `{{replacement}}`.',
      envVarKeyword:
        '`{{method}}()` has no `env_var` parameter (flytekit PR #3201 was never merged): the call raises TypeError when the task runs. A secret requested with env_var="{{envVar}}" is read with os.environ["{{envVar}}"] (ENV_VAR mount; under a FILE mount the variable holds the file\'s path), or by group and key without env_var.',
      unknownKeyword: '`{{method}}()` has no `{{keyword}}` parameter (it takes {{params}}): the call raises TypeError when the task runs.',
      removeEnvVar: 'Remove env_var= and read the secret by group and key.',
      useEnviron: 'Read `{{replacement}}` instead.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis }) {
    const { module: model, text } = analysis;
    const findings: Finding[] = [];
    for (const read of model.reads) {
      if (!read.method) continue;
      // `get_secret(...)` is fixed to `get(...)`: judge its other arguments by what `get` takes.
      const method = read.kind === 'get-secret' ? 'get' : read.method.name;
      const params = SECRETS_MANAGER_METHODS[method] ?? [];
      const wrong = read.unknownKeywords.filter((keyword) => !params.includes(keyword.name));
      if (read.kind === 'get-secret') {
        const fixed = read.receiver.isContext ? 'secrets.get' : 'get';
        const receiver = codeForMessage(read.receiver.text);
        findings.push({
          messageId: read.receiver.isContext ? 'contextGetSecret' : 'managerGetSecret',
          data: { call: `${receiver}.${read.method.name}(...)`, replacement: `${receiver}.${fixed}(...)` },
          span: read.span,
          // With a wrong argument the renamed call would still fail: that is reported below, unfixed.
          fix: wrong.length ? undefined : [{ span: read.method.span, text: fixed }],
        });
      }
      for (const keyword of wrong) {
        if (keyword.name === 'env_var') {
          const envVar = keyword.value.value.known ? keyword.value.value.value : keyword.value.text;
          findings.push({ messageId: 'envVarKeyword', data: { method, envVar }, span: read.span, suggestions: envVarSuggestions(read, keyword, model, text) });
        } else {
          findings.push({ messageId: 'unknownKeyword', data: { method, keyword: keyword.name, params: params.join(', ') }, span: read.span });
        }
      }
    }
    return findings;
  },
};
