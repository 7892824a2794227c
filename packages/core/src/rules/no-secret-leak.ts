import { analysisWithAnchors } from '../analysis.js';
import { reachableFunctions } from '../model/analyze.js';
import type { LeakSink, SecretLeak } from '../model/types.js';
import { DirectReadClassifier, readLabel } from './injected-names.js';
import { requestsOf } from '../model/secret-arguments.js';
import type { CoreRule, Finding } from './types.js';

const MESSAGES: Record<LeakSink, string> = {
  return: 'leakReturn',
  print: 'leakLog',
  log: 'leakLog',
  raise: 'leakRaise',
  deck: 'leakDeck',
  output: 'leakOutput',
  'task-input': 'leakTaskInput',
};

export const noSecretLeak: CoreRule = {
  name: 'no-secret-leak',
  meta: {
    type: 'problem',
    description: 'Disallow secret values in task outputs, logs, exception messages and decks',
    recommended: 'warn',
    messages: {
      leakReturn:
        'The value of secret {{secret}} is returned from task `{{task}}`: task outputs are stored in plain text in Flyte\'s metadata and shown in the console to everyone who can see the execution.',
      leakLog: 'The value of secret {{secret}} is written by `{{sink}}(...)`{{via}}: task logs are shown in the Flyte console and kept by the log backend.',
      leakLogOutsideTask:
        'The value of secret {{secret}} is written by `{{sink}}(...)`{{via}}: the log backend keeps it in plain text, and where a task runs this code, the Flyte console shows it to everyone who can see the execution.',
      leakRaise:
        'The value of secret {{secret}} is in the message of `{{sink}}`{{via}}: a task\'s error message is stored with the execution and shown in the Flyte console.',
      leakDeck: 'The value of secret {{secret}} is rendered by `{{sink}}(...)`{{via}}: decks and reports are stored as HTML with the execution and shown in the console.',
      leakOutput: 'The value of secret {{secret}} is written by `{{sink}}(...)`{{via}} into a file that task `{{task}}` returns: it is uploaded with the outputs, readable by everyone who can read them.',
      leakTaskInput:
        'The value of secret {{secret}} is passed to task `{{sink}}`: the inputs of every task execution are stored in plain text in Flyte\'s metadata and shown in the console. Let that task read the secret itself.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis: given, config }) {
    const { module: model, text } = analysisWithAnchors(given, [config.envPrefix, config.secretsDir]);
    const direct = new DirectReadClassifier(requestsOf(model), config);
    const label = (leak: SecretLeak): string | undefined => {
      if ('read' in leak.source) return readLabel(leak.source.read, text);
      const secret = direct.classify(leak.source.direct);
      // A variable or file that is never set holds no secret; ordinary variables are no secrets.
      if (!secret || secret.kind === 'docs-prefix' || secret.kind === 'flyte2-unmounted') return undefined;
      if (leak.source.direct.kind === 'file') return `file ${secret.name}`;
      // An env_var= of a FILE mount holds the path; the model follows the value read from that file.
      return secret.kind === 'declared' && secret.request.flavor === 'flytekit' && secret.request.mount === 'FILE' ? `file named by variable ${secret.name}` : `variable ${secret.name}`;
    };
    // One finding per sink, naming every secret that reaches it.
    const bySink = new Map<number, { leak: SecretLeak; secrets: string[] }>();
    for (const leak of model.leaks) {
      const secret = label(leak);
      if (!secret) continue;
      const entry = bySink.get(leak.span.start) ?? { leak, secrets: [] };
      if (!entry.secrets.includes(secret)) entry.secrets.push(secret);
      bySink.set(leak.span.start, entry);
    }
    // Code no task of this module runs (a connector, a helper of other modules' tasks) may log elsewhere than a task.
    const taskRun = new Set(model.tasks.flatMap((task) => reachableFunctions(model, task)));
    const findings: Finding[] = [];
    for (const { leak, secrets } of bySink.values()) {
      const task = model.tasks.find((t) => t.functionIndex !== undefined && t.functionIndex === leak.functionIndex);
      const via = leak.via ? ` inside \`${leak.via}\`, which this call passes it to` : '';
      const inTask = leak.functionIndex !== undefined && taskRun.has(leak.functionIndex);
      const messageId = MESSAGES[leak.sink] === 'leakLog' && !inTask ? 'leakLogOutsideTask' : MESSAGES[leak.sink];
      findings.push({ messageId, data: { secret: secrets.join(' and '), sink: leak.sinkText, via, task: task?.name ?? '' }, span: leak.span });
    }
    return findings;
  },
};
