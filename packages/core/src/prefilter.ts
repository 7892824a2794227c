// Decides from the text alone whether a Python file could produce a finding of any rule, so that
// the files that cannot (nearly all of a large tree: see bench/RESULTS.md) are never parsed.
// Conservative by construction: each test below is the gate the analysis itself applies first.
import { mayHoldCredentials } from './credentials/python.js';
import { isRelevantModule } from './model/analyze.js';

/** A task module: its tasks may call repository helpers that read secrets, in modules it imports. */
const MENTIONS_FLYTE = /\bflyte(?:kit)?\b|^[ \t]*@(?:[\w.]*\.)?(?:task|dynamic|eager)\b/m;
const IMPORT = /^[ \t]*(?:from[ \t]+\S+[ \t]+import\b|import[ \t]+\w)/m;

/** True when a task module imports something: the whole-repository analysis may follow its calls. */
export function mayCallIntoProject(text: string): boolean {
  return MENTIONS_FLYTE.test(text) && IMPORT.test(text);
}

/**
 * False only when no rule can report anything in this Python text: it mentions no secret (nor one
 * of `anchors`, the configured env prefix and secrets folder), holds no credential candidate, and
 * is not a task module that imports code.
 */
export function mayHoldFindings(text: string, anchors: string[] = []): boolean {
  return isRelevantModule(text, anchors) || mayCallIntoProject(text) || mayHoldCredentials(text);
}
