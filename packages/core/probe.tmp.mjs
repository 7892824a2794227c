import { initParser, analyzeSource, detectCredential } from '@flyte-secrets/core';
await initParser();
const src = process.argv[2];
const r = analyzeSource(src);
if (!r.ok) console.log(r.error);
else for (const c of r.analysis.credentials) console.log(c.kind, c.preview, JSON.stringify(src.slice(c.span.start, c.span.end)).slice(0, 80));
