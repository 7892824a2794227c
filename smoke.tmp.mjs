import { initParser, analyzeSource, rules, loadConfig, formatMessage } from '@flyte-secrets/core';
import fs from 'node:fs';
await initParser();
const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const parsed = analyzeSource(text, { filePath: file });
if (!parsed.ok) { console.log('syntax', parsed.error); process.exit(); }
const { config } = loadConfig(file);
console.log(JSON.stringify(parsed.analysis.module.tasks.map(t => ({name: t.name, kind: t.kind, n: t.requests.length, known: t.requestsKnown, opaque: t.opaqueReason})), null, 0));
console.log(parsed.analysis.module.reads.map(r => `${r.kind} ${r.group?.text}/${r.key?.text} fn=${r.functionIndex}`).join('\n'));
for (const rule of Object.values(rules)) for (const f of rule.check({ analysis: parsed.analysis, config, options: [] })) {
  const line = text.slice(0, f.span.start).split('\n').length;
  console.log(`${line}: ${rule.name}: ${formatMessage(rule.meta.messages[f.messageId], f.data)}`, f.suggestions ? JSON.stringify(f.suggestions.map(s => s.edits)) : '');
}
