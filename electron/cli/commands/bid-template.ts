/**
 * `procure bids template FILE --out TEMPLATE.xlsx`: the bid template of a bid file's requirement
 * (its bids, if any, are not used), for suppliers to fill in.
 * `procure bids import-template FILLED.xlsx --into SET [--json] [--lang en|zh-CN]`: read a filled
 * template into one bid and add it to SET: a saved bid set (its id or name; saved in one
 * transaction) or a bid file (.json, rewritten with the bid added). The same handlers as the UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TemplateImportOut } from '../../../shared/contract/bids';
import type { Result } from '../../../shared/contract/result';
import { tr, type Lang } from '../../../shared/i18n/translate';
import { dispatch } from '../../handlers';
import { call, CliError, parseCommand, readUploadFile, toJson, type CliIo } from '../io';
import { readJson } from './bids';

export const TEMPLATE_USAGE = 'bids template FILE --out TEMPLATE.xlsx';
export const IMPORT_TEMPLATE_USAGE = 'bids import-template FILLED.xlsx --into SET_ID|SET_NAME|FILE.json [--json] [--lang en|zh-CN]';

type Write = (p: string, data: Buffer | string) => void;
const defaultWrite: Write = (p, data) => {
  // write beside and rename, so an interrupted run never leaves half a file
  const tmp = `${p}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, p);
};

export async function bidTemplateCommand(argv: string[], io: CliIo, write: Write = defaultWrite): Promise<number> {
  const parsed = parseCommand(io, 'bids template', TEMPLATE_USAGE, argv, { out: { type: 'string', short: 'o' } });
  if ('exit' in parsed) return parsed.exit;
  const out = parsed.values.out;
  if (!out) {
    io.err(`procure bids template: give --out TEMPLATE.xlsx\nusage: procure ${TEMPLATE_USAGE}`);
    return 2;
  }
  const r = await call(io.ctx(), 'bids:template', { bidFile: readJson(parsed.positionals[0]!, io) });
  const data = Buffer.from(r.dataBase64, 'base64');
  write(out, data);
  io.out(`wrote ${out} (${Math.round(data.length / 1024)} kB): the bid template; suppliers fill in the yellow cells`);
  return 0;
}

/** The import through the handler; a refusal is worded in the --lang language (the problems name file, sheet, row and column). */
async function importCall(io: CliIo, input: Record<string, unknown>, lang: Lang): Promise<TemplateImportOut> {
  const r = (await dispatch(io.ctx(), 'bids:template-import', input)) as Result<TemplateImportOut>;
  if (r.ok) return r.value;
  throw new CliError(r.error.i18n ? tr(lang, r.error.i18n.key, r.error.i18n.vars) : r.error.message);
}

/** A saved set by id or exact name. */
function savedSetId(io: CliIo, into: string): number | undefined {
  const sets = io.ctx().bidSets.list();
  if (/^\d+$/.test(into)) return sets.find((s) => s.id === Number(into))?.id ?? Number(into);
  const named = sets.filter((s) => s.name === into);
  if (named.length > 1) throw new CliError(`${named.length} saved bid sets are named "${into}": give the id (${named.map((s) => s.id).join(', ')})`);
  return named[0]?.id;
}

export async function importTemplateCommand(argv: string[], io: CliIo, write: Write = defaultWrite): Promise<number> {
  const parsed = parseCommand(io, 'bids import-template', IMPORT_TEMPLATE_USAGE, argv, { into: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } });
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const lang = values.lang ?? 'en';
  if (!values.into || (lang !== 'en' && lang !== 'zh-CN')) {
    io.err(`procure bids import-template: give --into SET (a saved bid set's id or name, or a bid file), and --lang en or zh-CN\nusage: procure ${IMPORT_TEMPLATE_USAGE}`);
    return 2;
  }
  const file = positionals[0]!;
  const dataBase64 = readUploadFile(file).toString('base64');
  const into = values.into;
  const isFile = /\.json$/i.test(into) || (fs.existsSync(into) && fs.statSync(into).isFile());
  let r: TemplateImportOut;
  let where: string;
  if (isFile) {
    const body = readJson(into, io) as { bids?: unknown[] };
    r = await importCall(io, { fileName: path.basename(file), dataBase64, bidFile: body }, lang);
    write(into, JSON.stringify({ ...body, bids: [...(body.bids ?? []), r.bid] }, null, 2) + '\n');
    where = into;
  } else {
    const id = savedSetId(io, into);
    if (id === undefined) throw new CliError(`no saved bid set "${into}" (procure bids FILE evaluates a file; the app's Bids page saves sets)`);
    r = await importCall(io, { fileName: path.basename(file), dataBase64, id }, lang);
    where = `saved bid set ${r.record!.id} "${r.record!.name}"`;
  }
  if (values.json) io.out(toJson({ index: r.index, into: where, bid: r.bid }));
  else {
    const lines = r.bid.lines.map((l) => `  - ${String(l.accelerator)} × ${l.count} at ${l.unitPrice.amount.toLocaleString('en')} ${l.unitPrice.currency}`).join('\n');
    const deviations = (r.bid.responses ?? []).filter((x) => !x.complies).map((x) => x.item);
    io.out(`Added the bid of ${r.bid.vendor} as bid ${r.index + 1} to ${where}:\n${lines}\n  delivery ${r.bid.deliveryWeeks} weeks, ${r.bid.vatIncluded ? 'prices incl. VAT' : 'prices excl. VAT'}${deviations.length ? `\n  declared deviations: ${deviations.join(', ')}` : ''}`);
  }
  return 0;
}
