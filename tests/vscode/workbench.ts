// The VS Code workbench as a user drives it, through Debian's chromium and playwright-core: the
// Explorer, the command palette, Go to Line, the Problems panel, hovers and the code action menu.
// Everything is read from what the page shows.
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, PLAYWRIGHT } from './tools.js';

const BROWSER_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const UI_TIMEOUT = 90_000;

/** One Problems panel row: `folder/file:line:rule`, as `findings()` of tests/e2e/helpers.ts. */
export type Problem = string;

export class Workbench {
  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A fresh browser profile in `profile`, on the workbench at `url`, once the Explorer shows the folder. */
  static async open(url: string, profile: string): Promise<Workbench> {
    const { chromium } = (await import(PLAYWRIGHT)) as typeof import('playwright-core');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: BROWSER_FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    return new Workbench(context, page);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Opens `relative` (`payments/reports.py`) from the Explorer, expanding its folders. */
  async openFile(relative: string): Promise<void> {
    const parts = relative.split('/');
    for (const [index, part] of parts.entries()) {
      const item = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${part}"]`);
      if (index < parts.length - 1) {
        if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
      } else await item.click();
    }
    await this.page.locator(`.tabs-container .tab[aria-label^="${parts.at(-1)}"]`).waitFor();
    await this.page.locator('.part.editor .monaco-editor .view-lines').first().waitFor();
  }

  /** Runs a command from the command palette by its title. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Puts the cursor of the active editor on a (0-based, LSP) position, with Go to Line/Column. */
  async goTo({ line, character }: { line: number; character: number }): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`:${line + 1}:${character + 1}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator('.part.editor .monaco-editor .cursors-layer .cursor').first().waitFor();
  }

  /** The lines the active editor shows, top to bottom, with Monaco's non-breaking spaces undone. */
  async editorLines(): Promise<string[]> {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')),
    );
  }

  /**
   * Every row of the Problems panel as `folder/file:line:rule`, once it shows `expectedCount` of them
   * (or what it shows after the UI timeout). The panel is maximized while it is read, so that its
   * virtual list renders every row.
   */
  async problems(expectedCount: number): Promise<Problem[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    const panelAction = (label: string) => this.page.locator(`.part.panel .action-label[aria-label="${label}"]`);
    await panelAction('Maximize Panel').click();
    try {
      let rows: Problem[] = [];
      const deadline = Date.now() + UI_TIMEOUT;
      while (Date.now() < deadline) {
        rows = await this.readProblems();
        if (rows.length === expectedCount) {
          await this.page.waitForTimeout(1_000); // a late refresh would change the rows: read once more
          const again = await this.readProblems();
          if (again.join() === rows.join()) return rows;
          rows = again;
        }
        await this.page.waitForTimeout(500);
      }
      return rows;
    } finally {
      await panelAction('Restore Panel').click();
    }
  }

  private async readProblems(): Promise<Problem[]> {
    const rows = await this.page.locator('.markers-panel .monaco-tl-row').evaluateAll((elements) =>
      elements.map((element) => ({ text: (element as HTMLElement).innerText, label: element.closest('[aria-label]')?.getAttribute('aria-label') ?? '' })),
    );
    const problems: Problem[] = [];
    let file = '';
    for (const { text, label } of rows) {
      const header = /problems? in file (\S+) of folder (\S+)/.exec(label);
      if (header) {
        file = `${header[2]}/${header[1]}`;
        continue;
      }
      const marker = /\n(\S+)\n\[Ln (\d+), Col \d+\]\s*$/.exec(text);
      if (marker) problems.push(`${file}:${marker[2]}:${marker[1]}`);
    }
    return problems.sort();
  }

  /** The text of the hover at the cursor (Show or Focus Hover). */
  async hoverAtCursor(): Promise<string> {
    await this.command('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor();
    return hover.innerText();
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
