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
import { dispatch } from '../../handlers';
import { call, CliError, cliError, parseCommand, readUploadFile, toJson, type CliIo } from '../io';
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
    io.err(`procure bids template: ${io.t('bids.needOut')}\n${io.t('usage', { usage: TEMPLATE_USAGE })}`);
    return 2;
  }
  const r = await call(io.ctx(), 'bids:template', { bidFile: readJson(parsed.positionals[0]!, io) });
  const data = Buffer.from(r.dataBase64, 'base64');
  write(out, data);
  io.out(io.t('bids.templateWritten', { file: out, kb: Math.round(data.length / 1024) }));
  return 0;
}

/** The import through the handler; a refusal keeps its key, worded in the CLI's language (the problems name file, sheet, row and column). */
async function importCall(io: CliIo, input: Record<string, unknown>): Promise<TemplateImportOut> {
  const r = (await dispatch(io.ctx(), 'bids:template-import', input)) as Result<TemplateImportOut>;
  if (r.ok) return r.value;
  throw new CliError(r.error.i18n ?? r.error.message);
}

/** A saved set by id or exact name. */
function savedSetId(io: CliIo, into: string): number | undefined {
  const sets = io.ctx().bidSets.list();
  if (/^\d+$/.test(into)) return sets.find((s) => s.id === Number(into))?.id ?? Number(into);
  const named = sets.filter((s) => s.name === into);
  if (named.length > 1) throw cliError('bids.setNamedMany', { n: named.length, name: into, ids: named.map((s) => s.id).join(', ') });
  return named[0]?.id;
}

export async function importTemplateCommand(argv: string[], io: CliIo, write: Write = defaultWrite): Promise<number> {
  const parsed = parseCommand(io, 'bids import-template', IMPORT_TEMPLATE_USAGE, argv, { into: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } });
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (!values.into) {
    io.err(`procure bids import-template: ${io.t('bids.needInto')}\n${io.t('usage', { usage: IMPORT_TEMPLATE_USAGE })}`);
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
    r = await importCall(io, { fileName: path.basename(file), dataBase64, bidFile: body });
    write(into, JSON.stringify({ ...body, bids: [...(body.bids ?? []), r.bid] }, null, 2) + '\n');
    where = into;
  } else {
    const id = savedSetId(io, into);
    if (id === undefined) throw cliError('bids.noSet', { name: into });
    r = await importCall(io, { fileName: path.basename(file), dataBase64, id });
    where = io.t('bids.savedSet', { id: r.record!.id, name: r.record!.name });
  }
  if (values.json) io.out(toJson({ index: r.index, into: where, bid: r.bid }));
  else {
    const lines = r.bid.lines.map((l) => `  - ${io.t('bids.line', { part: String(l.accelerator), count: l.count, price: `${l.unitPrice.amount.toLocaleString('en')} ${l.unitPrice.currency}` })}`).join('\n');
    const deviations = (r.bid.responses ?? []).filter((x) => !x.complies).map((x) => x.item);
    const head = io.t('bids.added', { vendor: r.bid.vendor, n: r.index + 1, into: where });
    const delivery = io.t('bids.delivery', { weeks: r.bid.deliveryWeeks, vat: io.t(r.bid.vatIncluded ? 'bids.pricesIncl' : 'bids.pricesExcl') });
    io.out(`${head}\n${lines}\n  ${delivery}${deviations.length ? `\n  ${io.t('bids.deviations', { items: deviations.join(', ') })}` : ''}`);
  }
  return 0;
}
