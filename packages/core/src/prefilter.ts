// Decides from the text alone whether a Python file could produce a finding of any rule, so that
// the files that cannot (nearly all of a large tree: see bench/RESULTS.md) are never parsed.
// Conservative by construction: each test is the gate the analysis itself applies first (the module
// model, the whole-repository analysis, the credential scan).
import { mayHoldCredentials } from './credentials/python.js';
import { isRelevantModule, mayCallIntoProject } from './model/analyze.js';

/**
 * False only when no rule can report anything in this Python text: it mentions no secret (nor one
 * of `anchors`, the configured env prefix and secrets folder), holds no credential candidate, and
 * is not a task module that imports code.
 */
export function mayHoldFindings(text: string, anchors: string[] = []): boolean {
  return isRelevantModule(text, anchors) || (mayBeTaskModule(text) && mayCallIntoProject(text)) || mayHoldCredentials(text);
}

/** What mayCallIntoProject needs first, found by fast literal searches (its `^`-anchored regex tries every line). */
const TASK_DECORATOR = /@(?:[\w.]*\.)?(?:task|dynamic|eager)\b/;

function mayBeTaskModule(text: string): boolean {
  return text.includes('flyte') || TASK_DECORATOR.test(text);
}
