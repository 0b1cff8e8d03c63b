/** The CLI's commands besides `catalog`: each reads a file and runs the shared code on it. */
import type { CliIo } from '../io';
import { importCommand } from './import';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export const COMMANDS: Command[] = [
  importCommand,
];
