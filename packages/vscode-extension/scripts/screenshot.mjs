// Renders the Marketplace picture (images/quick-fix.png): the bundled language server (dist/server.mjs)
// is run on fixtures/demo over stdio, and its real diagnostics, quick fixes, code lenses and inventory are drawn
// into an HTML mock of the editor, which headless Chromium photographs. No VS Code can be run here,
// so the picture says it is a rendering. Run after `npm run build`: `npm run screenshot`
// (needs /usr/bin/chromium: `apt-get install chromium`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, '..');
const demo = path.resolve(extension, '../../fixtures/demo');
const file = path.join(demo, 'payments/reports.py');
const output = path.join(extension, 'images/quick-fix.png');
const FIRST_LINE = 10; // 0-based: the task and its reads
const LAST_LINE = 30;

// ---- the server's real answers ------------------------------------------------------------

const server = spawn(process.execPath, [path.join(extension, 'dist/server.mjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ useFlatConfig: false })));
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onRequest('client/registerCapability', () => null);
connection.listen();
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(demo).href,
  workspaceFolders: [{ uri: pathToFileURL(demo).href, name: 'demo' }],
  capabilities: {
    textDocument: { diagnostic: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
    workspace: { configuration: true },
  },
});
await connection.sendNotification('initialized', {});
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
const { items: diagnostics } = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
const mismatch = diagnostics.find((d) => d.code === '@flyte-secrets/no-mismatched-secret');
if (!mismatch) throw new Error('the demo has no no-mismatched-secret finding');
const actions = await connection.sendRequest('textDocument/codeAction', {
  textDocument: { uri },
  range: mismatch.range,
  context: { diagnostics: [mismatch], only: ['quickfix'] },
});
const lenses = (await connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) ?? [];
const { inventories } = await connection.sendRequest('workspace/executeCommand', { command: 'flyte-secrets.inventory' });
const secrets = inventories.reduce((sum, inventory) => sum + inventory.report.secrets.length, 0);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();

// ---- the mock editor ----------------------------------------------------------------------

// Inline icons: the machine that renders may have no emoji font.
const BULB = '<svg width="12" height="14" viewBox="0 0 12 14"><path d="M6 0a5 5 0 0 0-3 9c.6.5 1 1.2 1 2h4c0-.8.4-1.5 1-2A5 5 0 0 0 6 0z" fill="#ffcc00"/><rect x="4" y="12" width="4" height="2" fill="#ffcc00"/></svg>';
const KEY = '<svg width="14" height="10" viewBox="0 0 14 10"><circle cx="4" cy="5" r="3" fill="none" stroke="#cccccc" stroke-width="1.6"/><path d="M7 5h7M11 5v3M13 5v2" stroke="#cccccc" stroke-width="1.6" fill="none"/></svg>';

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const KEYWORDS = /\b(import|from|def|return|with|as|for|in|None|str|list)\b/g;

/** Minimal Python colouring of one line: comments, strings, decorators, keywords. */
function colour(line) {
  const comment = line.indexOf('#');
  const code = comment >= 0 && !/["'][^"']*#/.test(line) ? line.slice(0, comment) : line;
  const rest = code === line ? '' : line.slice(code.length);
  const parts = code.split(/("[^"]*"|f"[^"]*")/);
  const html = parts
    .map((part, i) => (i % 2 ? `<span class="str">${escape(part)}</span>` : escape(part).replace(KEYWORDS, '<span class="kw">$1</span>').replace(/^(\s*)(@\w+)/, '$1<span class="deco">$2</span>')))
    .join('');
  return html + (rest ? `<span class="comment">${escape(rest)}</span>` : '');
}

/** A line with the squiggles of the diagnostics on it (ranges on one line, as the demo's are). */
function lineHtml(lineText, line) {
  const marks = diagnostics.filter((d) => d.range.start.line === line).sort((a, b) => a.range.start.character - b.range.start.character);
  if (!marks.length) return colour(lineText);
  const d = marks[0];
  const end = d.range.end.line === line ? d.range.end.character : lineText.length;
  const cls = d.severity === 1 ? 'sq-error' : 'sq-warning';
  return `${colour(lineText.slice(0, d.range.start.character))}<span class="${cls}">${colour(lineText.slice(d.range.start.character, end))}</span>${colour(lineText.slice(end))}`;
}

const lines = text.split('\n');
const editor = lines
  .slice(FIRST_LINE, LAST_LINE + 1)
  .map((lineText, i) => {
    const line = FIRST_LINE + i;
    const bulb = line === mismatch.range.start.line ? `<span class="bulb">${BULB}</span>` : '';
    const menu = line === mismatch.range.start.line ? quickFixMenu(mismatch.range.start.character) : '';
    const lens = lenses
      .filter((l) => l.range.start.line === line && l.command)
      .map((l) => `<div class="line lens"><span class="gutter"></span><span>${' '.repeat(l.range.start.character)}${escape(l.command.title)}</span></div>`)
      .join('');
    return `${lens}<div class="line"><span class="gutter">${bulb}<span class="no">${line + 1}</span></span><span class="code">${lineHtml(lineText, line)}</span>${menu}</div>`;
  })
  .join('\n');

function quickFixMenu(character) {
  const items = actions
    .map((a, i) => `<div class="item${i === 0 ? ' selected' : ''}"><span class="icon">${BULB}</span>${escape(a.title)}</div>`)
    .join('');
  return `<div class="menu" style="left: calc(${character}ch + 72px)"><div class="menu-title">Quick Fix</div>${items}</div>`;
}

const icon = (severity) => (severity === 1 ? '<span class="err">&#x2297;</span>' : '<span class="warn">&#x26A0;</span>');
const problems = diagnostics
  .map((d) => `<div class="problem">${icon(d.severity)} ${escape(d.message)} <span class="src">${escape(d.source)}(${escape(String(d.code ?? ''))})</span> <span class="pos">[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]</span></div>`)
  .join('');
const errors = diagnostics.filter((d) => d.severity === 1).length;
const warnings = diagnostics.filter((d) => d.severity === 2).length;

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #1f1f1f; color: #cccccc; font: 13px "DejaVu Sans", sans-serif; width: 1280px; height: 720px; overflow: hidden; }
.title { height: 30px; line-height: 30px; text-align: center; background: #181818; color: #9d9d9d; border-bottom: 1px solid #2b2b2b; }
.tabs { height: 35px; background: #181818; display: flex; }
.tab { padding: 0 16px; line-height: 35px; background: #1f1f1f; color: #ffffff; border-top: 1px solid #0078d4; }
.tab .dirty { color: #f14c4c; margin-left: 8px; }
.crumbs { height: 22px; line-height: 22px; padding-left: 16px; color: #a9a9a9; }
.editor { position: relative; font: 14px/20px "DejaVu Sans Mono", monospace; height: 460px; overflow: hidden; }
.line { position: relative; white-space: pre; height: 20px; }
.gutter { display: inline-block; width: 64px; text-align: right; padding-right: 8px; color: #6e7681; position: relative; }
.bulb { position: absolute; left: 8px; top: 3px; }
.code { color: #cccccc; }
.lens { color: #999999; font: 12px/20px "DejaVu Sans", sans-serif; }
.lens span:last-child { white-space: pre; font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
.kw { color: #569cd6; } .str { color: #ce9178; } .comment { color: #6a9955; } .deco { color: #dcdcaa; }
.sq-error { text-decoration: underline wavy #f14c4c; text-underline-offset: 4px; text-decoration-skip-ink: none; }
.sq-warning { text-decoration: underline wavy #cca700; text-underline-offset: 4px; text-decoration-skip-ink: none; }
.menu { position: absolute; top: 22px; z-index: 2; background: #202020; border: 1px solid #454545; border-radius: 6px; box-shadow: 0 4px 16px #000a; padding: 4px; font: 13px "DejaVu Sans", sans-serif; white-space: nowrap; }
.menu-title { color: #9d9d9d; padding: 3px 8px; font-size: 12px; }
.item { padding: 3px 8px; border-radius: 4px; }
.item .icon { margin-right: 8px; vertical-align: -2px; }
.item.selected { background: #04395e; outline: 1px solid #2488db; color: #ffffff; }
.panel { position: absolute; top: 547px; left: 0; right: 0; height: 151px; border-top: 1px solid #2b2b2b; background: #181818; }
.panel-tabs { height: 34px; line-height: 34px; padding-left: 16px; font-size: 11px; letter-spacing: .5px; }
.panel-tabs b { color: #e7e7e7; border-bottom: 1px solid #0078d4; padding-bottom: 6px; }
.panel-tabs .count { background: #616161; color: #fff; border-radius: 9px; padding: 1px 6px; margin-left: 6px; }
.file { padding: 2px 16px; color: #e7e7e7; }
.problem { padding: 3px 16px 3px 36px; text-indent: -18px; padding-left: 54px; line-height: 18px; }
.err { color: #f14c4c; font-weight: bold; } .warn { color: #cca700; }
.src, .pos { color: #8b8b8b; }
.status { position: absolute; bottom: 0; left: 0; right: 0; height: 22px; line-height: 22px; background: #181818; border-top: 1px solid #2b2b2b; color: #cccccc; font-size: 12px; display: flex; justify-content: space-between; padding: 0 10px; }
.caption { float: right; margin-right: 14px; font-size: 11px; color: #8b8b8b; font-style: italic; letter-spacing: 0; }
</style></head><body>
<div class="title">reports.py — payments-pipelines</div>
<div class="tabs"><div class="tab">reports.py</div></div>
<div class="crumbs">payments › reports.py › email_report</div>
<div class="editor">${editor}</div>
<div class="panel"><div class="panel-tabs"><b>PROBLEMS<span class="count">${diagnostics.length}</span></b><span class="caption">A rendering of the real output of the bundled flyte-secrets language server on fixtures/demo: an HTML mock of the editor, not a VS Code screenshot</span></div>
<div class="file">reports.py &nbsp;<span class="src">payments</span></div>${problems}</div>
<div class="status"><span>&#x2297; ${errors} &nbsp;&#x26A0; ${warnings}</span><span>${KEY} ${secrets} secrets &nbsp;&nbsp; Python</span></div>
</body></html>`;

const work = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-screenshot-'));
try {
  const page = path.join(work, 'editor.html');
  writeFileSync(page, html);
  const shot = spawnSync(
    '/usr/bin/chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${path.join(work, 'profile')}`, '--window-size=1280,720', `--screenshot=${output}`, pathToFileURL(page).href],
    { encoding: 'utf8' },
  );
  if (shot.status !== 0) throw new Error(`chromium failed (${shot.status}): ${shot.stderr}`);
  if (process.argv.includes('--keep-html')) writeFileSync(output.replace(/\.png$/, '.html'), html);
  console.log(`${output}: ${diagnostics.length} diagnostics, ${actions.length} quick fixes, ${lenses.length} code lenses (${lenses.map((l) => l.command?.title).join('; ')}), ${secrets} secrets`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
