/** The CLI's commands besides `catalog`: each reads a file and calls its handler through `dispatch`. */
import type { CliIo } from '../io';
import { importCommand } from './import';
import { evaluateCommand, EVALUATE_USAGE } from './evaluate';
import { optimizeCommand } from './optimize';
import { bidsCommand, BIDS_USAGE } from './bids';
import { reportCommand, REPORT_USAGE } from './report';
import { quoteCommand, QUOTE_USAGE } from './quote';
import { syncCommand, teamCommand } from './team';

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
    run: evaluateCommand,
  },
  importCommand,
  optimizeCommand,
  { name: 'bids', usage: BIDS_USAGE, summary: 'check, score (综合评分法) and rank the bids of a bid file; write the XLSX bid template and import filled ones', run: bidsCommand },
  { name: 'report', usage: REPORT_USAGE, summary: 'PDF (and XLSX) report of a bid file or a scenario file', run: (argv, io) => reportCommand(argv, io) },
  { name: 'quote', usage: QUOTE_USAGE, summary: 'add, correct, retire quotes by hand; a part\'s price history', run: quoteCommand },
  teamCommand,
  syncCommand,
];
