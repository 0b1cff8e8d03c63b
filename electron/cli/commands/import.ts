/**
 * `procure import FILE`: preview a vendor price sheet (table or JSON), commit it, undo it.
 * The same handlers as the app's Import page; the file's bytes go through import:preview /
 * import:commit exactly as the UI sends them.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  IMPORT_FIELDS,
  type ColumnOverride,
  type ImportPreview,
  type ImportPreviewInput,
  type PreviewRow,
} from '../../../shared/contract/import';
import { currencySchema } from '../../../shared/money';
import { readDocumentJson } from '../../../shared/document/parse';
import { issueVar, sayIn, type MessageRef } from '../../../shared/i18n/translate';
import { call, CliError, cliError, readUploadFile, table, type CliIo } from '../io';
import type { Command } from './index';

const USAGE = `usage: procure import FILE [--sheet S] [--supplier V] [--vat-rate 0.13] [--vat-included|--vat-excluded]
                      [--create-unknown] [--mapping FILE.json] [--header-row N] [--rows 5,7-9]
                      [--commit [--accept-flagged] | --dry-run] [--json]
       (--vendor V is --supplier V; either beats the supplier the sheet names)
       procure import --undo ID
       procure import --list [--json]`;

/** Column "E" or 4 (0-based) → 4. */
function columnIndex(c: string | number): number {
  if (typeof c === 'number') return c;
  if (/^\d+$/.test(c)) return Number(c);
  let n = 0;
  for (const ch of c.toUpperCase()) {
    if (ch < 'A' || ch > 'Z') throw cliError('import.notColumn', { column: c });
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

const fieldOrNull = z.enum(IMPORT_FIELDS).nullable();
const overrideInFile = z.object({
  column: z.union([z.number().int().min(0), z.string().min(1).max(3)]),
  field: fieldOrNull,
  multiplier: z.number().positive().optional(),
  currency: currencySchema.optional(),
  vatIncluded: z.boolean().optional(),
});
/** Either [{ column: "E", field: "unitPrice", multiplier: 10000 }, …] or { "C": "item", "E": "unitPrice" }. */
const mappingFileSchema = z.union([z.array(overrideInFile), z.record(z.string(), fieldOrNull)]);

function readMapping(file: string, io: CliIo): ColumnOverride[] {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw cliError('import.cannotReadMapping', { file, why: (e as Error).message });
  }
  const raw = readDocumentJson(text);
  if (!raw.ok) throw cliError('import.cannotReadMapping', { file, why: { key: 'errors.issues', vars: { items: raw.issues.map(issueVar) } } });
  const parsed = mappingFileSchema.safeParse(raw.value);
  if (!parsed.success) throw cliError('import.badMapping', { file, why: parsed.error.issues[0]?.message ?? '' });
  const list = Array.isArray(parsed.data)
    ? parsed.data
    : Object.entries(parsed.data).map(([column, field]) => ({ column, field }));
  return list.map((o) => ({ ...o, column: columnIndex(o.column) }));
}

/** "5,7-9" → [5, 7, 8, 9]. */
function parseRows(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw cliError('import.notRows', { part });
    const a = Number(m[1]);
    const b = Number(m[2] ?? m[1]);
    if (b < a || b - a > 200_000) throw cliError('import.badRange', { part });
    for (let n = a; n <= b; n++) out.push(n);
  }
  return out;
}

function money(n: number | undefined): string {
  if (n === undefined) return '';
  return n.toLocaleString('en', { maximumFractionDigits: n >= 1000 ? 0 : 2 });
}

function rowNote(r: PreviewRow, io: CliIo): string {
  const say = (m: { message: string; i18n?: MessageRef }) => sayIn(io.lang, m);
  const sep = io.t('separator');
  if (r.status === 'skipped') return r.skipReason === undefined ? '' : say({ message: r.skipReason, i18n: r.skipReasonI18n });
  if (r.issues.length > 0) return r.issues.map((i) => (i.column ? `${i.column}: ${say(i)}` : say(i))).join(sep);
  const notes: string[] = [];
  for (const w of r.warnings) notes.push(w.column ? `${w.column}: ${say(w)}` : say(w));
  if (r.server) notes.push(io.t('import.server', { cards: r.server.cards, card: r.server.cardSlug, server: r.server.slug, created: r.server.create ? io.t('import.newPlatform') : '', each: money(r.server.perCardExVat) }));
  if (r.createPart) notes.push(io.t('import.createsPart', { slug: r.createPart.slug }));
  return notes.join(sep);
}

function statusText(r: PreviewRow, io: CliIo): string {
  if (r.status === 'price-change' && r.previous) {
    return `${money(r.previous.exVat)} → ${money(r.priceExVat)} (${r.changePct !== undefined && r.changePct > 0 ? '+' : ''}${r.changePct ?? '?'} %)`;
  }
  return io.t(`import.status.${r.status}`);
}

function printPreview(p: ImportPreview, io: CliIo): void {
  io.out(`${p.fileName} · ${io.t('import.sheetLine', { sheet: p.sheet, row: p.headerRow, mapping: io.t(`import.mapping.${p.mappingSource}`) })}${p.encoding ? ` · ${p.encoding}` : ''}`);
  const supplier = `${p.supplier || io.t('import.noSupplier')}${p.supplierSource.from === 'sheet' ? io.t('import.fromRow', { row: p.supplierSource.row ?? '' }) : ''}`;
  io.out(io.t('import.supplierLine', { supplier, date: p.quoteDate ?? io.t('import.noDate') }));
  io.out(
    io.t('import.columns') +
      p.columns
        .filter((c) => c.field)
        .map((c) => `${c.letter} ${c.header} → ${c.field}${c.unitLabel ? ` [${c.unitLabel}]` : ''}${c.confidence < 1 ? ` (${Math.round(c.confidence * 100)} %)` : ''}`)
        .join(', '),
  );
  io.out(
    table(
      ['row', 'status', 'item', 'match', 'kind', 'price', 'currency', 'vat', 'exVat', 'lead', 'validUntil', 'notes'].map((h) => io.t(`import.head.${h}`)),
      p.rows.map((r) => [
        r.row,
        `${statusText(r, io)}${r.needsConfirmation ? io.t('import.confirm') : ''}`,
        r.text.length > 40 ? r.text.slice(0, 39) + '…' : r.text,
        r.match?.slug ?? r.createPart?.slug ?? '',
        r.kind ?? '',
        money(r.price),
        r.currency ?? '',
        r.vatIncluded === undefined ? '' : r.vatIncluded ? io.t('import.incl', { rate: Math.round((r.vatRate ?? 0) * 100) }) : io.t('import.excl'),
        money(r.priceExVat),
        r.leadTimeWeeks === undefined ? '' : String(r.leadTimeWeeks),
        r.validUntil ?? '',
        rowNote(r, io),
      ]),
    ),
  );
  const c = p.counts;
  io.out(io.t('import.counts', { ...c, flagged: c.needsConfirmation ? io.t('import.flagged', { n: c.needsConfirmation }) : '' }));
  // the sheet-wide notes by key where they have one (notes and warnings are the same list)
  for (const [i, w] of p.warnings.entries()) io.out(io.t('import.note', { note: sayIn(io.lang, p.notes[i] ?? { message: w }) }));
}

/** The --json shape: what scripts need, row by row. */
function jsonOf(p: ImportPreview, importId?: number) {
  const quotes = p.rows.filter((r) => r.status !== 'error' && r.status !== 'skipped');
  return {
    file: p.fileName,
    sheet: p.sheet,
    supplier: p.supplier || null,
    quoteDate: p.quoteDate,
    headerRow: p.headerRow,
    mapping: p.columns.filter((c) => c.field).map((c) => ({ column: c.letter, header: c.header, field: c.field, confidence: c.confidence, unit: c.unitLabel })),
    mappingSource: p.mappingSource,
    valid: quotes.length,
    invalid: p.counts.error,
    skipped: p.counts.skipped,
    counts: p.counts,
    quotes: quotes.map((r) => ({
      row: r.row,
      status: r.status,
      accepted: r.accepted,
      item: r.text,
      kind: r.kind,
      matchedAccelerator: r.match?.slug ?? r.createPart?.slug ?? null,
      server: r.server ?? null,
      unitPrice: r.price,
      currency: r.currency,
      vatIncluded: r.vatIncluded,
      vatRate: r.vatRate,
      unitPriceExVat: r.priceExVat,
      previous: r.previous ?? null,
      changePct: r.changePct ?? null,
      leadTimeWeeks: r.leadTimeWeeks ?? null,
      validUntil: r.validUntil ?? null,
      supplier: r.supplier ?? null,
      quoteDate: r.quoteDate ?? null,
      unit: r.unit ?? null,
      warnings: r.warnings.map((w) => ({ column: w.column, message: w.message })),
      needsConfirmation: r.needsConfirmation,
      confirmReason: r.confirmReason ?? null,
    })),
    errors: p.rows.flatMap((r) => (r.status === 'error' ? r.issues.map((i) => ({ row: i.row, column: i.column, header: i.header, message: i.message })) : [])),
    skippedRows: p.rows.filter((r) => r.status === 'skipped').map((r) => ({ row: r.row, reason: r.skipReason ?? '' })),
    warnings: p.warnings,
    ...(importId !== undefined && { importId }),
  };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      sheet: { type: 'string' },
      supplier: { type: 'string' },
      vendor: { type: 'string' },
      'vat-rate': { type: 'string' },
      'vat-included': { type: 'boolean' },
      'vat-excluded': { type: 'boolean' },
      'create-unknown': { type: 'boolean' },
      mapping: { type: 'string' },
      'header-row': { type: 'string' },
      rows: { type: 'string' },
      commit: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'accept-flagged': { type: 'boolean' },
      json: { type: 'boolean' },
      undo: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.undo !== undefined) {
    const id = Number(values.undo);
    if (!Number.isInteger(id) || id <= 0) throw cliError('import.notImportId', { id: values.undo });
    const b = await call(io.ctx(), 'import:undo', { importId: id });
    io.out(values.json ? JSON.stringify(b, null, 2) : io.t('import.undone', { id: b.id, file: b.fileName, quotes: b.rowCount }));
    return 0;
  }
  if (values.list) {
    const list = await call(io.ctx(), 'import:list');
    if (values.json) io.out(JSON.stringify(list, null, 2));
    else {
      io.out(table(['id', 'file', 'sheet', 'supplier', 'quotes', 'importedAt', 'undoneAt'].map((h) => io.t(`import.listHead.${h}`)), list.map((b) => [b.id, b.fileName, b.sheet, b.supplier, b.rowCount, b.importedAt, b.undoneAt ?? ''])));
    }
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(USAGE);
  if (values['vat-included'] && values['vat-excluded']) throw cliError('vatBoth');
  const input: ImportPreviewInput = { fileName: path.basename(file), dataBase64: readUploadFile(file).toString('base64') };
  if (values.sheet) input.sheet = values.sheet;
  const supplier = values.supplier ?? values.vendor;
  if (supplier !== undefined) input.supplier = supplier;
  if (values['vat-rate'] !== undefined) {
    const r = Number(values['vat-rate'].replace(/%$/, '')) / (values['vat-rate'].endsWith('%') ? 100 : 1);
    if (!Number.isFinite(r)) throw cliError('import.notRate', { rate: values['vat-rate'] });
    input.vatRate = r;
  }
  if (values['vat-included']) input.vatIncluded = true;
  if (values['vat-excluded']) input.vatIncluded = false;
  if (values['create-unknown']) input.createUnknown = true;
  if (values['header-row'] !== undefined) input.headerRow = Number(values['header-row']);
  if (values.mapping) input.mapping = readMapping(values.mapping, io);

  if (values.commit && !values['dry-run']) {
    const res = await call(io.ctx(), 'import:commit', {
      ...input,
      ...(values.rows && { rows: parseRows(values.rows) }),
      ...(values['accept-flagged'] && { acceptFlagged: true }),
    });
    if (values.json) {
      io.out(JSON.stringify({ ...jsonOf(res.preview, res.importId), createdParts: res.createdParts, createdServers: res.createdServers }, null, 2));
    } else {
      printPreview(res.preview, io);
      if (res.createdParts.length) io.out(io.t('import.createdParts', { list: res.createdParts.join(', ') }));
      if (res.createdServers.length) io.out(io.t('import.createdServers', { list: res.createdServers.join(', ') }));
      io.out(io.t('import.imported', { quotes: res.quotes, id: res.importId }));
    }
    return 0;
  }
  const preview = await call(io.ctx(), 'import:preview', input);
  if (values.json) io.out(JSON.stringify(jsonOf(preview), null, 2));
  else {
    printPreview(preview, io);
    const n = preview.rows.filter((r) => r.accepted).length;
    io.out(`${io.t('import.dryRun')} ${n > 0 ? io.t('import.addCommit', { n }) : io.t('import.nothingNew')}`);
  }
  return 0;
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE [--commit] [--json] …',
  summary: 'preview / commit a vendor price sheet (XLSX, CSV); --undo ID; --list',
  run,
};
