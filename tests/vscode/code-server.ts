// code-server (VS Code in a browser) for the end-to-end test: the .vsix installed into an
// extensions folder of the test's own, one server per scenario on a free loopback port, with
// authentication, telemetry, update checks and the Marketplace's recommendations off, and every file
// it writes (config, user data, logs) under a temporary folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { CODE_SERVER, NODE_24_BIN } from './tools.js';

/** User settings: nothing the test does not look at opens by itself, nothing phones home. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  // Each opened file keeps its tab, and so its diagnostics in the Problems panel.
  'workbench.editor.enablePreview': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // An untrusted folder opens in Restricted Mode without the modal question.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export interface Home {
  /** Where code-server keeps its config file, user data and logs (XDG folders). */
  dir: string;
  extensions: string;
}

/** The environment of a code-server process: Node 24 first on PATH, XDG folders under `home`. */
function environment(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${NODE_24_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
  };
}

const commonArgs = (home: Home, userData: string) => [
  '--config',
  path.join(home.dir, 'config.yaml'),
  '--extensions-dir',
  home.extensions,
  '--user-data-dir',
  userData,
];

/** Installs the .vsix as a user does with `code-server --install-extension`. */
export function installExtension(home: Home, vsix: string): string {
  // Only the flags count: no password is generated into a default config file.
  writeFileSync(path.join(home.dir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const result = spawnSync(CODE_SERVER, [...commonArgs(home, path.join(home.dir, 'install')), '--install-extension', vsix], {
    env: environment(home.dir),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningServer {
  /** The workbench's address with `folder` open. */
  url: string;
  /** code-server's own log so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on `folder`. `trusted: false` keeps Workspace Trust on, so the folder opens in
 * Restricted Mode; `true` turns the feature off for this run (every folder trusted).
 */
export async function startCodeServer(home: Home, name: string, folder: string, options: { trusted: boolean }): Promise<RunningServer> {
  const userData = path.join(home.dir, name);
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const port = await freePort();
  const args = [
    ...commonArgs(home, userData),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
    folder,
  ];
  const child: ChildProcess = spawn(CODE_SERVER, args, { env: environment(home.dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (!log.includes('HTTP server listening')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
    log: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
