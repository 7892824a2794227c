// The flytepropeller webhook's own rules for each secret manager (flyte-semantics §4.3):
//            ENV_VAR mount      ANY / FILE mount   needs
//   K8s      env var            file               group and key
//   AWS      rejected           file               group and key
//   GCP      rejected           file               group and group_version (key ignored)
//   Vault    rejected           file               group and key
//   Global   env var            ANY: env var,      group and key
//                               FILE: rejected
//   Union    env var            ANY: env var,      key (group ignored; embedded_secret_manager.go)
//                               FILE: file
// K8s, AWS, Vault and Global ignore group_version when they inject, while flytekit puts it into
// the names it looks up. Global, GCP and Vault ignore `env_var`.
import { codeForMessage } from '../text/code-in-message.js';
import type { SecretManager } from '../config/config.js';
import { taskLibraryReads } from '../flytekit/library-reads.js';
import { reachableFunctions } from '../model/analyze.js';
import type { ModuleModel, MountType, SecretRequest } from '../model/types.js';
import { DirectReadClassifier, flytekitEnvVar, flytekitFile, readLabel } from './injected-names.js';
import { formatName, matchRead, readName, requestName, taskReads } from './secret-matching.js';
import { requestsOf } from '../model/secret-arguments.js';
import type { CoreRule, Finding } from './types.js';

type Served = 'env' | 'file' | undefined;

/** How a manager delivers a mount: as an environment variable, as a file, or not at all. */
function served(manager: SecretManager, mount: MountType): Served {
  if (mount === 'unknown') return undefined;
  if (manager === 'Global') return mount === 'FILE' ? undefined : 'env';
  if (manager === 'Union') return mount === 'FILE' ? 'file' : 'env';
  if (mount === 'ENV_VAR') return manager === 'K8s' ? 'env' : undefined;
  return 'file';
}

const MOUNT_TEXT: Record<MountType, string> = { ANY: 'ANY (the default)', ENV_VAR: 'ENV_VAR', FILE: 'FILE', unknown: '?' };
const IGNORES_GROUP_VERSION = new Set<SecretManager>(['K8s', 'AWS', 'Vault', 'Global', 'Union']);
const IGNORES_ENV_VAR = new Set<SecretManager>(['Global', 'GCP', 'Vault']);

/**
 * The manager that serves a module's flytekit requests: Union's store when the module imports Union's
 * SDK (its tasks can only run there), else the configured one.
 */
export function moduleManager(model: ModuleModel, configured: SecretManager): SecretManager {
  return model.onUnion ? 'Union' : configured;
}

/** Where the manager a message names comes from, for a reader who never configured one. */
const managerOrigin = (model: ModuleModel) => (model.onUnion ? "this module imports Union's SDK" : 'the `secret-manager` setting, K8s by default');

/** What to write for a missing field, in the manager's own terms. */
const GROUP_HINT: Record<SecretManager, string> = {
  K8s: 'group="<name of the Kubernetes Secret>"',
  AWS: 'group="arn:aws:secretsmanager:<region>:<account>:secret"',
  GCP: 'group="<name of the GCP secret>"',
  Vault: 'group="<Vault secret path>"',
  Global: 'group="<GROUP of the webhook\'s FLYTE_SECRET_<GROUP>_<KEY>>"',
  Union: 'group="..."',
};

function missingFieldFinding(request: SecretRequest, manager: SecretManager, origin: string, needs: string, missing: ('group' | 'key')[]): Finding {
  const name = formatName(requestName(request));
  const fix = missing.map((field) => (field === 'group' ? GROUP_HINT[manager] : manager === 'Union' ? 'key="<name of the secret>"' : 'key="<key inside it>"')).join(' and ');
  // A request without a group is Union's spelling: the setting may just not say so.
  const union = missing.includes('group') && manager !== 'Union' ? '; if the task runs on Union, set secret-manager = "Union" under [tool.flyte-secrets] in pyproject.toml' : '';
  return {
    messageId: 'missingField',
    data: { manager, origin, request: name ? `Secret ${name}` : 'This Secret(...)', needs, missing: missing.join(' and '), fix: `Add ${fix}${union}` },
    span: request.span,
  };
}

function requestFindings(request: SecretRequest, manager: SecretManager, origin: string): Finding[] {
  const name = formatName(requestName(request));
  const data = { manager, secret: name || 'this secret' };
  if (request.mount !== 'unknown' && !served(manager, request.mount)) {
    return [{ messageId: request.mount === 'FILE' ? 'fileMount' : 'envVarMount', data, span: request.span }];
  }
  const findings: Finding[] = [];
  if (manager === 'GCP') {
    if (!request.group) findings.push(missingFieldFinding(request, manager, origin, 'group and group_version', ['group']));
    if (!request.groupVersion) findings.push({ messageId: 'gcpVersion', data, span: request.span });
  } else if (manager === 'Union') {
    if (!request.key) findings.push(missingFieldFinding(request, manager, origin, 'a key', ['key']));
  } else {
    const missing = (['group', 'key'] as const).filter((field) => !request[field]);
    if (missing.length) findings.push(missingFieldFinding(request, manager, origin, 'group and key', missing));
  }
  if (request.envVar && IGNORES_ENV_VAR.has(manager)) {
    findings.push({ messageId: 'envVarIgnored', data: { ...data, envVar: request.envVar.value.known ? request.envVar.value.value : codeForMessage(request.envVar.text) }, span: request.span });
  }
  return findings;
}

export const secretManagerCompatibility: CoreRule = {
  name: 'secret-manager-compatibility',
  meta: {
    type: 'problem',
    description: 'Disallow secret requests and reads that the configured secret manager cannot serve',
    recommended: 'error',
    messages: {
      envVarMount:
        'The {{manager}} secret manager cannot inject {{secret}} as an environment variable: the webhook rejects mount_requirement=ENV_VAR and the task starts without the secret. Use Secret.MountType.FILE (or the default ANY) and read it with secrets.get(...).',
      fileMount:
        'The Global secret manager injects secrets only as environment variables ("global secrets can only be injected as environment variables"): the task starts without {{secret}}. Use Secret.MountType.ENV_VAR or the default ANY.',
      gcpVersion:
        'The GCP secret manager needs group_version (the secret\'s version, e.g. "latest") to fetch {{secret}}: without it the webhook skips the secret and the task starts without it.',
      missingField:
        '{{request}} has no {{missing}}, but the {{manager}} secret manager ({{origin}}) needs {{needs}}: Flyte starts the pod without this secret, and reading it in the task raises ValueError. {{fix}}.',
      envVarIgnored: 'The {{manager}} secret manager ignores env_var: the variable `{{envVar}}` is never set for {{secret}}. Read it with secrets.get(...).',
      readGroupVersion:
        'This read passes group_version "{{version}}", so flytekit looks for `{{envVar}}` and `{{file}}`; the {{manager}} secret manager ignores group_version when it injects a secret, so neither exists. Read {{secret}} without group_version.',
      wrongMountEnv:
        'Secret {{secret}} is requested with mount_requirement={{mount}}, which the {{manager}} secret manager delivers only as a file: the variable `{{name}}` is never set. Read it with secrets.get(...), which reads the file.',
      wrongMountFile:
        'Secret {{secret}} is requested with mount_requirement={{mount}}, which the {{manager}} secret manager delivers only as an environment variable: the file `{{name}}` does not exist. Read it with secrets.get(...).',
      sidecarMount:
        'Secret {{secret}} is requested with mount_requirement={{mount}}, which the {{manager}} secret manager delivers only as a file, but {{via}} reads the variable `{{name}}`: it is never set. Request it with mount_requirement=Secret.MountType.ENV_VAR.',
      flyte2Unmounted:
        'Secret {{secret}} is mounted as a file (mount=...) without as_env_var, so Flyte 2 sets no variable `{{name}}`. Add as_env_var="{{name}}" to its flyte.Secret, or read the file.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis, config }) {
    const { module: model, text } = analysis;
    const manager = moduleManager(model, config.secretManager);
    const findings: Finding[] = [];
    // Flyte 2's own (embedded) manager serves any flyte.Secret; the setting describes flytekit's webhook.
    for (const request of model.secretDefinitions) if (request.flavor === 'flytekit') findings.push(...requestFindings(request, manager, managerOrigin(model)));

    const wrongMount = (request: SecretRequest, reads: 'env' | 'file', name: string, span: { start: number; end: number }) => {
      const delivered = served(manager, request.mount);
      if (!delivered || delivered === reads) return;
      const secret = formatName(requestName(request));
      findings.push({ messageId: reads === 'env' ? 'wrongMountEnv' : 'wrongMountFile', data: { secret, mount: MOUNT_TEXT[request.mount], manager, name }, span });
    };

    for (const read of model.reads) {
      if (read.via) continue; // reported in the module that reads
      const name = readName(read);
      if (typeof name.groupVersion === 'string' && IGNORES_GROUP_VERSION.has(manager)) {
        findings.push({
          messageId: 'readGroupVersion',
          data: { version: name.groupVersion, envVar: flytekitEnvVar(name, config.envPrefix), file: flytekitFile(name, config.secretsDir), manager, secret: readLabel({ ...read, groupVersion: undefined }, text) },
          span: read.span,
        });
      }
    }
    const seen = new Set<number>();
    for (const { read, task } of taskReads(model)) {
      if ((read.kind !== 'env-var-name' && read.kind !== 'file-path') || seen.has(read.span.start)) continue;
      const match = matchRead(read, task);
      if (match.kind !== 'match') continue;
      seen.add(read.span.start);
      const name = readName(read);
      if (read.kind === 'env-var-name') wrongMount(match.request, 'env', flytekitEnvVar(name, config.envPrefix), read.span);
      else wrongMount(match.request, 'file', flytekitFile(name, config.secretsDir), read.span);
    }
    // A plugin's sidecar reads the injected variable under the prefix it was given; a prefix other
    // than the configured one (`_UNION_`) means another platform, whose manager this setting does not describe.
    for (const { task, library } of taskLibraryReads(model)) {
      if (!library.envVar?.startsWith(config.envPrefix.toUpperCase())) continue;
      const match = matchRead(library.read, task);
      if (match.kind !== 'match' || served(manager, match.request.mount) !== 'file') continue;
      const data = { secret: formatName(requestName(match.request)), mount: MOUNT_TEXT[match.request.mount], manager, via: library.read.via.path, name: library.envVar };
      findings.push({ messageId: 'sidecarMount', data, span: match.request.span });
    }
    // A direct read is judged against the requests of the tasks that run it (two tasks may request
    // one secret with different mounts); a read that no task runs, against the whole module's.
    const requestsByFunction = new Map<number, SecretRequest[]>();
    for (const task of model.tasks) {
      for (const index of reachableFunctions(model, task)) requestsByFunction.set(index, [...(requestsByFunction.get(index) ?? []), ...task.requests]);
    }
    const classifiers = new Map<number | undefined, DirectReadClassifier>();
    const classifierFor = (index: number | undefined): DirectReadClassifier => {
      let classifier = classifiers.get(index);
      if (!classifier) {
        const requests = (index !== undefined && requestsByFunction.get(index)) || requestsOf(model);
        classifiers.set(index, (classifier = new DirectReadClassifier(requests, config)));
      }
      return classifier;
    };
    for (const read of model.directReads) {
      const secret = classifierFor(requestsByFunction.has(read.functionIndex!) ? read.functionIndex : undefined).classify(read);
      if (!secret?.request) continue;
      if (secret.kind === 'flyte2-unmounted') {
        findings.push({ messageId: 'flyte2Unmounted', data: { secret: formatName(requestName(secret.request)), name: secret.name }, span: read.span });
      } else if (secret.kind === 'prefix') wrongMount(secret.request, 'env', secret.name, read.span);
      else if (secret.kind === 'file') wrongMount(secret.request, 'file', secret.name, read.span);
    }
    return findings.sort((a, b) => a.span.start - b.span.start);
  },
};
