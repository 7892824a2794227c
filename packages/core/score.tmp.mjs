import { initParser, analyzeSource } from '@flyte-secrets/core';
import { loadCorpus, scoreCorpus } from '../../fixtures/credentials/corpus.mjs';
await initParser();
const corpus = loadCorpus();
const findings = new Map();
for (const f of corpus.filter((f) => f.language === 'python')) {
  const r = analyzeSource(f.text);
  if (!r.ok) { console.log('PARSE', f.rel, r.error); continue; }
  findings.set(f.rel, r.analysis.credentials.map((c) => ({ line: f.text.slice(0, c.span.start).split('\n').length, kind: c.kind })));
}
const s = scoreCorpus(corpus, findings, { language: 'python' });
console.log(`P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} tp=${s.tp} fp=${s.fp} fn=${s.fn} kinds=${s.kindMatches}`);
for (const x of s.falsePositives) console.log('FP', x.file, x.line, x.kind, x.trap);
for (const x of s.falseNegatives) console.log('FN', x.file, x.line, x.kind);
