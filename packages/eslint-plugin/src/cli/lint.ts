// `flyte-secrets [lint] [options] [paths...]`: ESLint's own command line with this plugin. The
// repository's eslint.config.* wins if it lints Python with the plugin; otherwise ESLint gets the
// built-in zero-config file. ESLint's CLI does the rest (rather than the ESLint class: bulk
// suppressions, -o, --max-warnings and worker threads live in the CLI), so options, formatters,
// exit codes and suppressions are exactly ESLint's.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, type Command } from './command.js';
import { eslintInstallation, type EslintInstallation } from './eslint-installation.js';
import { resolveFormatter } from './formatter.js';

const ZERO_CONFIG = fileURLToPath(new URL('../configs/zero-config.js', import.meta.url));
const BUILTIN_CONFIG = '--builtin-config';
/** Options that choose the ESLint config themselves; with one of them, no config is added. */
const CONFIG_OPTIONS = ['-c', '--config', '--no-config-lookup'];

function hasOption(args: string[], names: string[]): boolean {
  return args.some((arg) => names.includes(arg) || names.some((name) => name.startsWith('--') && arg.startsWith(`${name}=`)));
}

interface ConfigChoice {
  /** Arguments that make ESLint use it. */
  args: string[];
  /** What it is, for `--help`. */
  description: string;
  /** Why the repository's own config is not used, for stderr. */
  notice?: string;
}

/**
 * The repository's own config when it lints Python files with this plugin: it names the plugin, or
 * it gives a Python file this plugin's language (a shared config can bring the plugin in). A config
 * for the repository's JavaScript alone would lint no Python file and report nothing.
 */
async function chooseConfig(args: string[], cwd: string, eslint: EslintInstallation): Promise<ConfigChoice> {
  const builtin = ['--config', ZERO_CONFIG];
  if (hasOption(args, CONFIG_OPTIONS)) return { args: [], description: 'the config given on the command line' };
  if (args.includes(BUILTIN_CONFIG)) return { args: builtin, description: `the built-in config (${BUILTIN_CONFIG})` };
  const own = await eslint.findConfigFile(cwd);
  if (!own) return { args: builtin, description: 'the built-in config (no eslint.config.* found here or above)' };
  const name = path.relative(cwd, own) || own;
  if (readFileSync(own, 'utf8').includes('@flyte-secrets') || (await eslint.lintsPython(cwd))) {
    return { args: [], description: `the repository's own ${name}` };
  }
  const reason = `${name} does not lint Python files with @flyte-secrets/eslint-plugin`;
  return {
    args: builtin,
    description: `the built-in config (${reason})`,
    notice: `${reason}, so flyte-secrets lints with its built-in config (to use ${name} anyway: --config ${name})`,
  };
}

/** Runs ESLint's command line; resolves to its exit code (2 when it could not run or was killed). */
function runEslint(bin: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', (error) => {
      process.stderr.write(`flyte-secrets: could not start ESLint: ${error.message}\n`);
      resolve(EXIT.failure);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      if (signal) process.stderr.write(`flyte-secrets: ESLint was stopped by ${signal}\n`);
      resolve(code ?? EXIT.failure);
    });
  });
}

export const lint: Command = {
  name: 'lint',
  summary: 'Lint Python files and folders (the default command; default path: the current folder)',

  async help() {
    const cwd = process.cwd();
    const eslint = eslintInstallation();
    const { description } = await chooseConfig([], cwd, eslint);
    return `Usage: flyte-secrets [lint] [options] [files and folders...]

Lints the secrets of Flyte task code (Python) with ESLint ${eslint.version} and @flyte-secrets/eslint-plugin.

Configuration:
  A repository with an ESLint config of its own (eslint.config.js, .mjs, .cjs, .ts, .mts or .cts in
  the current folder or above) that lints Python files with this plugin is linted with it, exactly
  as \`npx eslint\` lints it. Otherwise flyte-secrets uses its built-in config: the recommended
  rules on every *.py and *.pyi file, skipping what .gitignore ignores and the folders Python tools
  skip (Ruff's default exclude: .venv, venv, site-packages, node_modules, .git, build, dist, ...).
  Here (${cwd}) that is ${description}.
  Either way the rules read [tool.flyte-secrets] from the nearest pyproject.toml.

Options (ESLint's own; every \`eslint\` option works, see \`npx eslint --help\`):
  --fix                         Apply the fixes the rules offer
  -f, --format <name>           stylish (default), json (without the files' source, which
                                ESLint's own json formatter embeds), or a formatter package
                                such as @microsoft/eslint-formatter-sarif
  -o, --output-file <path>      Write the report to a file
  --max-warnings <n>            Fail when there are more than n warnings (0: warnings fail too)
  --quiet                       Report errors only
  --cache                       Lint only files changed since the last run (.eslintcache)
  --concurrency <n|auto|off>    Lint in n worker threads
  --suppress-all                Record every current error in eslint-suppressions.json (commit it
                                to adopt the rules on an existing codebase; new errors still fail)
  --suppress-rule <rule-id>     The same, for one rule
  --prune-suppressions          Drop recorded errors that are fixed
  --no-warn-ignored             Say nothing about ignored files given by name (pre-commit)
  -c, --config <path>           Lint with this ESLint config file
  ${BUILTIN_CONFIG}              Lint with the built-in config even if the repository has its own
  -h, --help                    Show this help
  -v, --version                 Show the versions of flyte-secrets and ESLint

Exit codes (ESLint's):
  0  no errors (warnings do not fail unless there are more than --max-warnings)
  1  errors, or more warnings than --max-warnings
  2  the run failed: bad configuration or option, or a crash
`;
  },

  async run(args) {
    const cwd = process.cwd();
    const eslint = eslintInstallation();
    const config = await chooseConfig(args, cwd, eslint);
    if (config.notice) process.stderr.write(`flyte-secrets: ${config.notice}\n`);
    const eslintArgs = args
      .filter((arg) => arg !== BUILTIN_CONFIG)
      .map((arg, i, all) => {
        if (all[i - 1] === '-f' || all[i - 1] === '--format') return resolveFormatter(arg, cwd);
        if (arg.startsWith('--format=')) return `--format=${resolveFormatter(arg.slice('--format='.length), cwd)}`;
        return arg;
      });
    return runEslint(eslint.bin, [...config.args, ...eslintArgs]);
  },
};
