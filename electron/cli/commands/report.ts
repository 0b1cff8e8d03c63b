/**
 * `procure report FILE --out report.pdf [--xlsx report.xlsx] [--lang zh-CN|en]`: the PDF (and/or
 * XLSX) of a bid file or a scenario file, through the same report:pdf / report:xlsx handlers as
 * the app; here Chromium prints the PDF.
 */
import fs from 'node:fs';
import { isBidFileJson } from '../../../shared/bids/schema';
import { call, parseCommand, type CliIo } from '../io';
import { readJson } from './bids';

export const REPORT_USAGE = 'report FILE --out PDF [--xlsx XLSX] [--lang zh-CN|en] [--prepared-by NAME] [--document-number N] [--date YYYY-MM-DD] [--evaluations]';

export async function reportCommand(argv: string[], io: CliIo, write: (path: string, data: Buffer) => void = (p, d) => fs.writeFileSync(p, d)): Promise<number> {
  const parsed = parseCommand(io, 'report', REPORT_USAGE, argv, {
        out: { type: 'string', short: 'o' },
        xlsx: { type: 'string' },
        lang: { type: 'string' },
        'prepared-by': { type: 'string' },
        'document-number': { type: 'string' },
        date: { type: 'string' },
        evaluations: { type: 'boolean' },
  });
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const lang = values.lang ?? io.lang;
  if ((!values.out && !values.xlsx) || (lang !== 'en' && lang !== 'zh-CN')) {
    io.err(`procure report: ${io.t('report.needOut')}\n${io.t('usage', { usage: REPORT_USAGE })}`);
    return 2;
  }
  const json = readJson(positionals[0]!, io);
  const input = {
    ...(isBidFileJson(json) ? { bidFile: json } : { scenario: json }),
    lang,
    ...(values['prepared-by'] !== undefined ? { preparedBy: values['prepared-by'] } : {}),
    ...(values['document-number'] !== undefined ? { documentNumber: values['document-number'] } : {}),
    ...(values.date !== undefined ? { date: values.date } : {}),
  } as const;
  if (values.out) {
    const t0 = Date.now();
    // --evaluations: the committee's pages (a bid file's evaluations held here, procure team evaluate)
    const r = await call(io.ctx(), 'report:pdf', values.evaluations ? { ...input, evaluations: true } : input);
    const data = Buffer.from(r.dataBase64, 'base64');
    write(values.out, data);
    io.out(io.t('report.wrotePdf', { file: values.out, kb: Math.round(data.length / 1024), s: ((Date.now() - t0) / 1000).toFixed(1) }));
  }
  if (values.xlsx) {
    const r = await call(io.ctx(), 'report:xlsx', input);
    const data = Buffer.from(r.dataBase64, 'base64');
    write(values.xlsx, data);
    io.out(io.t('report.wrote', { file: values.xlsx, kb: Math.round(data.length / 1024) }));
  }
  return 0;
}
