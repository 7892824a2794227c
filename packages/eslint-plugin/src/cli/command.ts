// A `flyte-secrets` subcommand. Adding one is a file exporting a `Command` and a line in commands.ts.
export interface Command {
  /** The word after `flyte-secrets`, e.g. `lint`. */
  name: string;
  /** One line for the command list in `flyte-secrets --help`. */
  summary: string;
  /** The full `--help` text of the command. */
  help(): Promise<string> | string;
  /** Runs with the arguments after the command's name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Exit codes, as ESLint's: 0 clean (or warnings only), 1 problems that fail, 2 the run itself failed. */
export const EXIT = { ok: 0, problems: 1, failure: 2 } as const;
