// `npm run readme`: regenerate the rule table in README.md from the rules' metadata.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from './readme-rules.mjs';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withRulesTable(readFileSync(path, 'utf8')));
console.log('README.md rule table updated');
