// The index the language server keeps for a repository: one ProjectIndex (as the server
// holds) with every module summarised, and every task module analysed through it. Run by
// multimodule.mjs under GNU time for the peak RSS.
import { readFileSync } from 'node:fs';
import { analyzeSource, initParser, ProjectIndex, summarizeModule } from '@flyte-secrets/core';

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
await initParser();
const loader = new ProjectIndex({ summarize: summarizeModule });
let findings = 0;
for (const file of files) loader.summary(file);
for (const file of files.filter((f) => /tasks\d+\.py$/.test(f))) {
  const parsed = analyzeSource(readFileSync(file, 'utf8'), { filePath: file, loader });
  if (parsed.ok) findings += parsed.analysis.module.reads.filter((read) => read.via).length;
}
process.stdout.write(JSON.stringify({ modules: files.length, readsThroughCalls: findings, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }) + '\n');
