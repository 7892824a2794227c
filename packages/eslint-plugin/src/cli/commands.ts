// The subcommands of `flyte-secrets`. The first one runs when no command name is given.
import type { Command } from './command.js';
import { inventory } from './inventory.js';
import { lint } from './lint.js';

export const commands: readonly Command[] = [lint, inventory];
