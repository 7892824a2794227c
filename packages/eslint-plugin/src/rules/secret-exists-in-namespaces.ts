import { rules } from '@flyte-secrets/core';
import { pythonRule } from '../util/core-rule.js';

export default pythonRule(rules['secret-exists-in-namespaces']!);
