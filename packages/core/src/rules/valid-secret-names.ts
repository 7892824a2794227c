import type { ArgValue } from '../model/types.js';
import { flyte2DerivedEnvVar } from './injected-names.js';
import { moduleManager } from './secret-manager-compatibility.js';
import type { CoreRule, Finding } from './types.js';

/** Kubernetes object names (DNS-1123 subdomain): what a K8s Secret, and so a flytekit group, may be called. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes Secret data keys. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
/** What flytekit's and Flyte 2's `Secret` accept for an environment variable name. */
const ENV_VAR = /^[A-Z_][A-Z0-9_]*$/;

/** Documentation placeholders (`"<SECRET_GROUP>"`, `"{{ group }}"`, `"${GROUP}"`) are not names to check. */
const PLACEHOLDER = /^(?:<[^<>]+>|\{\{[^{}]+\}\}|\$\{[^{}]+\}|\{[^{}]+\})$/;

const known = (arg: ArgValue | undefined) => (arg?.value.known && !PLACEHOLDER.test(arg.value.value) ? arg.value.value : undefined);

function groupProblem(group: string): string | undefined {
  if (group.length > 253) return `${group.length} characters, more than 253`;
  if (!DNS1123_SUBDOMAIN.test(group)) {
    if (/[A-Z]/.test(group)) return 'it has upper-case letters';
    if (/_/.test(group)) return "it has '_'";
    return "only lower-case letters, digits, '-' and '.' are allowed, starting and ending with a letter or digit";
  }
  return undefined;
}

/** The nearest valid name, to show what one looks like: `Neptune_Group` -> `neptune-group`. */
function kubernetesName(group: string): string {
  return group.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 253);
}

export const validSecretNames: CoreRule = {
  name: 'valid-secret-names',
  meta: {
    type: 'problem',
    description: 'Require secret groups, keys and environment variable names that Kubernetes and flytekit accept',
    recommended: 'error',
    messages: {
      invalidGroup:
        'Secret group "{{group}}" is not a valid Kubernetes Secret name ({{problem}}): no Kubernetes Secret can be called so, and the pod starts without this secret. Name the Secret and the group in lower case with \'-\' or \'.\' between words{{suggestion}}.',
      invalidKey: 'Secret key "{{key}}" is not a valid Kubernetes Secret key: only letters, digits, \'-\', \'_\' and \'.\' are allowed.',
      invalidEnvVar: 'Environment variable name "{{envVar}}" is invalid (it must match ^[A-Z_][A-Z0-9_]*$): Secret raises ValueError when the module is imported.',
      invalidDerivedEnvVar:
        'Flyte 2 injects this secret as the environment variable "{{envVar}}", which is not a valid name: flyte.Secret raises ValueError. Pass as_env_var="..." or rename the key.',
      caseCollision:
        'Task `{{task}}` requests keys "{{key}}" and "{{other}}" of group "{{group}}", which differ only in case: both map to the same environment variable and file, so one hides the other.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis, config }) {
    const findings: Finding[] = [];
    const manager = moduleManager(analysis.module, config.secretManager);
    const kubernetesNames = manager === 'K8s' || manager === 'Global';
    for (const request of analysis.module.secretDefinitions) {
      const group = known(request.group);
      const key = known(request.key);
      const envVar = known(request.envVar);
      if (request.flavor === 'flytekit' && kubernetesNames) {
        const problem = group !== undefined ? groupProblem(group) : undefined;
        const suggestion = problem && kubernetesName(group!);
        if (problem) findings.push({ messageId: 'invalidGroup', data: { group: group!, problem, suggestion: suggestion ? `, e.g. "${suggestion}"` : '' }, span: request.span });
        if (key !== undefined && !SECRET_KEY.test(key)) findings.push({ messageId: 'invalidKey', data: { key }, span: request.span });
      }
      if (envVar !== undefined && !ENV_VAR.test(envVar)) {
        findings.push({ messageId: 'invalidEnvVar', data: { envVar }, span: request.span });
      }
      const derived = request.flavor === 'flyte2' && !request.envVar && request.mount !== 'FILE' ? flyte2DerivedEnvVar(request) : undefined;
      if (derived !== undefined && !ENV_VAR.test(derived)) {
        findings.push({ messageId: 'invalidDerivedEnvVar', data: { envVar: derived }, span: request.span });
      }
    }
    for (const task of analysis.module.tasks) {
      const seen = new Map<string, string>();
      for (const request of task.requests) {
        const group = known(request.group) ?? (request.group ? undefined : '');
        const key = known(request.key);
        if (group === undefined || key === undefined) continue;
        const folded = `${group.toLowerCase()}\u0000${key.toLowerCase()}`;
        const other = seen.get(folded);
        if (other !== undefined && other !== key) {
          findings.push({ messageId: 'caseCollision', data: { task: task.name, key, other, group }, span: request.span });
        }
        if (other === undefined) seen.set(folded, key);
      }
    }
    return findings;
  },
};
