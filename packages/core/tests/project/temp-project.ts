// Throwaway Python projects for the project-index tests: a pyproject.toml plus the given files,
// and the module model of one of them analysed through a fresh project index.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeSource, ProjectIndex, summarizeModule, type ModuleModel } from '../../src/index.js';

const dirs: string[] = [];

/** Writes a project (a pyproject.toml plus `files`) into a new temporary folder and returns it. */
export function writeProject(prefix: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "acme"\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Removes every project written so far (for `afterAll`). */
export function removeProjects(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `text` as `file` of the project and returns its module model. */
export function modelIn(dir: string, file: string, text: string, loader = new ProjectIndex({ summarize: summarizeModule })): ModuleModel {
  const filePath = path.join(dir, file);
  writeFileSync(filePath, text);
  const parsed = analyzeSource(text, { filePath, loader });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.analysis.module;
}
