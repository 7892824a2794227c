import { analysisWithAnchors } from '../analysis.js';
import { DirectReadClassifier, DOCS_PREFIX, flytekitEnvVar, type DirectSecret } from './injected-names.js';
import { requestName } from './secret-matching.js';
import { pyString, requestArg } from './read-fixes.js';
import { requestsOf } from '../model/secret-arguments.js';
import type { CoreRule, Finding, TextEdit } from './types.js';

/** The arguments of the `secrets.get(...)` that reads the same secret, when they are certain. */
function getArguments(secret: DirectSecret): string | undefined {
  const request = secret.request;
  if (request) {
    // A group_version would have to be passed too, and most managers ignore it (secret-manager-compatibility).
    if (request.groupVersion) return undefined;
    const group = requestArg(request, request.group);
    const key = requestArg(request, request.key);
    if ((request.group && !group) || (request.key && !key)) return undefined;
    return group ? [group, key].filter(Boolean).join(', ') : key && `key=${key}`;
  }
  if (secret.kind === 'file' && secret.parts.length === 2) return secret.parts.map(pyString).join(', ');
  return undefined;
}

export const noDirectSecretAccess: CoreRule = {
  name: 'no-direct-secret-access',
  meta: {
    type: 'suggestion',
    description: "Disallow reading injected secrets from environment variables and files behind flytekit's back",
    recommended: 'warn',
    hasSuggestions: true,
    messages: {
      envVar:
        'Reads the secret variable `{{name}}` directly. Flyte sets it only for an ENV_VAR mount (the default mount is a file) and only in the cluster; `{{replacement}}` finds the secret whatever the mount, also in a local run and whatever FLYTE_SECRETS_ENV_PREFIX says.',
      docsPrefix:
        '`{{name}}` is never set: the FLYTE_SECRETS_<GROUP>_<KEY> naming of the Flyte secrets guide is wrong (flytekit\'s variable is `{{injected}}`, and only for an ENV_VAR mount). Read the secret with `{{replacement}}`.',
      file: 'Reads the secret file `{{name}}` directly. Flyte writes it only for a FILE or ANY mount and only in the cluster; `{{replacement}}` finds the secret whatever the mount, also in a local run and whatever FLYTE_SECRETS_DEFAULT_DIR says.',
      useApi: 'Read it with `{{replacement}}`.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis: given, config }) {
    // A file that mentions only a custom prefix was skipped by the relevance filter: analyse it now.
    const analysis = analysisWithAnchors(given, [config.envPrefix, config.secretsDir]);
    const model = analysis.module;
    const requests = requestsOf(model);
    const classifier = new DirectReadClassifier(requests, config);
    // Flyte 2 has no secrets API: a file is how a task reads a secret mounted with `mount=`.
    const flyte2Only = requests.length > 0 && requests.every((request) => request.flavor === 'flyte2');
    const findings: Finding[] = [];
    for (const read of model.directReads) {
      const secret = classifier.classify(read);
      if (!secret || secret.kind === 'declared' || secret.kind === 'flyte2-unmounted' || (secret.kind === 'file' && flyte2Only)) continue;
      const args = getArguments(secret);
      const encode = read.value?.binary ? ', encode_mode="rb"' : '';
      const replacement = `${model.contextCallee ?? 'flytekit.current_context'}().secrets.get(${args ?? 'group, key'}${encode})`;
      const edits: TextEdit[] | undefined =
        args && read.value && model.contextCallee
          ? [{ span: read.value.span, text: replacement }, ...(model.contextImport ? [{ span: { start: model.contextImport.offset, end: model.contextImport.offset }, text: model.contextImport.text }] : [])]
          : undefined;
      const messageId = secret.kind === 'file' ? 'file' : secret.kind === 'docs-prefix' ? 'docsPrefix' : 'envVar';
      findings.push({
        messageId,
        data: {
          name: secret.name,
          replacement,
          injected: secret.request ? flytekitEnvVar(requestName(secret.request), config.envPrefix) : `${config.envPrefix}${secret.name.slice(DOCS_PREFIX.length)}`,
        },
        span: read.span,
        suggestions: edits ? [{ messageId: 'useApi', data: { replacement }, edits }] : undefined,
      });
    }
    return findings;
  },
};
