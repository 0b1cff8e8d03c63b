/** The CLI's commands besides `catalog`: each reads a file and runs the shared code on it. */
import type { CliIo } from '../io';
import { importCommand } from './import';
import { evaluateCommand, EVALUATE_USAGE } from './evaluate';
import { catalogSnapshot } from '../../db/snapshot';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export const COMMANDS: Command[] = [
  {
    name: 'evaluate',
    usage: EVALUATE_USAGE,
    summary: 'TCO, throughput, cost per Mtok and risk of a .procure.json scenario',
    run: (argv, io) => evaluateCommand(argv, { snapshot: () => catalogSnapshot(io.ctx()), readFile: io.readFile, out: io.out, err: io.err }),
  },
  importCommand,
];
