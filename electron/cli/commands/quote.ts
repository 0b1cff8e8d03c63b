/**
 * `procure quote add|list|correct|retire`: quotes entered by hand and a part's price history,
 * through the same handlers (and `dispatch`) as the catalog's quote form. Values are read as
 * the importer reads cells (shared/domain/manual-quote): "12.5万", "¥125,000", "USD 28,500",
 * "6周", full-width digits.
 */
import { matchByName } from '../../../shared/domain/match';
import { describeFormIssue, manualQuoteOf, readQuoteForm, type ManualQuote, type QuoteFormText } from '../../../shared/domain/manual-quote';
import type { PriceHistory } from '../../../shared/contract/quotes';
import { formText, sourceText, stateText } from '../../../shared/report/price-tables';
import { formatMajor } from '../../../shared/money';
import { tr } from '../../../shared/i18n/translate';
import { call, CliError, cliError, parseCommand, table, toJson, type CliIo } from '../io';

export const QUOTE_USAGE = 'quote add|list|correct|retire …';

const HELP = `usage:
  procure quote add PART --supplier S --price P [--vat-included|--vat-excluded] [--vat-rate 13%]
                    [--date D] [--valid-until D] [--lead-time "6周"] [--moq N] [--number Q] [--note T] [--json]
  procure quote list PART [--json]
  procure quote correct ID [--price P] [--supplier S] [… the options of add] [--json]
                    (a whole-server quote: P is the whole server's price; its server, card and
                    card count are kept, and the per-card price is worked out again)
  procure quote retire ID --reason "…" [--by NAME] [--json]
P: 125000, 12.5万, ¥125,000, USD 28,500, 含税 9.8万 (a bare number is yuan; VAT, when not stated, is
taken as included for yuan and excluded otherwise). D: 2026-03-31, 2026/3/31, 2026年3月31日;
--valid-until also takes "30天" or "3个月" from today.`;

const FORM_OPTIONS = {
  supplier: { type: 'string' },
  price: { type: 'string' },
  'vat-included': { type: 'boolean' },
  'vat-excluded': { type: 'boolean' },
  'vat-rate': { type: 'string' },
  date: { type: 'string' },
  'valid-until': { type: 'string' },
  'lead-time': { type: 'string' },
  moq: { type: 'string' },
  number: { type: 'string' },
  note: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type FormValues = { [K in keyof typeof FORM_OPTIONS]?: (typeof FORM_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function formOf(v: FormValues): QuoteFormText {
  if (v['vat-included'] && v['vat-excluded']) throw cliError('vatBoth');
  return {
    supplier: v.supplier,
    price: v.price,
    vat: v['vat-included'] ? 'included' : v['vat-excluded'] ? 'excluded' : undefined,
    vatRate: v['vat-rate'],
    quoteDate: v.date,
    validUntil: v['valid-until'],
    leadTime: v['lead-time'],
    moq: v.moq,
    quoteNumber: v.number,
    note: v.note,
  };
}

/** A UI string in the CLI's language. */
const sayer = (io: CliIo) => (key: string, vars?: Record<string, string | number>) => tr(io.lang, key, vars);

function idOf(s: string | undefined): number {
  const n = Number(s?.replace(/^#/, ''));
  if (!s || !Number.isSafeInteger(n) || n < 1) throw cliError('quote.notId', { id: s ?? '' });
  return n;
}

async function partSlug(io: CliIo, name: string): Promise<string> {
  const data = await call(io.ctx(), 'catalog:list');
  const m = matchByName(data.accelerators, name);
  if (!m.ok) throw new CliError(m.i18n ?? m.message);
  return m.value.slug;
}

function printHistory(io: CliIo, h: PriceHistory): void {
  const en = sayer(io);
  io.out(io.t('quote.history', { name: h.name, item: h.item, count: h.rows.length }));
  if (h.rows.length === 0) return;
  io.out(
    table(
      ['id', 'supplier', 'kind', 'quoteDate', 'validUntil', 'leadTime', 'exVat', 'inclVat', 'status', 'source'].map((k) => io.t(`quote.head.${k}`)),
      h.rows.map((r) => [
        r.id,
        r.supplier,
        formText(r, io.lang),
        r.quoteDate,
        r.validUntil ?? '–',
        r.leadTimeWeeks === null ? '–' : io.t('quote.weeks', { n: r.leadTimeWeeks }),
        formatMajor(r.priceExVat, r.currency),
        formatMajor(r.priceInclVat, r.currency),
        `${stateText(r, io.lang)}${r.stale && (r.state === 'current' || r.state === 'expired') ? io.t('quote.stale', { days: h.staleDays }) : ''}${r.id === h.chosenId ? io.t('quote.used') : ''}`,
        sourceText(r, io.lang),
      ]),
    ),
  );
  if (h.latestPerSupplier.length > 0) {
    io.out(`\n${io.t('quote.latest')}`);
    io.out(
      table(
        [io.t('quote.head.supplier'), io.t('quote.head.exVatIn', { currency: h.currency }), io.t('quote.head.quoteDate'), io.t('quote.head.age'), io.t('quote.head.status'), io.t('quote.head.id')],
        h.latestPerSupplier.map((r) => [r.supplier, r.cardExVat === null ? '–' : formatMajor(r.cardExVat, h.currency), r.quoteDate, r.ageDays, en(`priceHistory.state.${r.state}`), r.id]),
      ),
    );
  }
}

function readForm(io: CliIo, v: FormValues, base?: ManualQuote) {
  const r = readQuoteForm(formOf(v), io.ctx().today(), { base });
  if (!r.ok) throw new CliError(r.issues.map((i) => describeFormIssue(i, sayer(io))).join('\n'));
  return r;
}

export async function quoteCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const en = sayer(io);
  if (sub === 'add' || sub === 'correct') {
    const p = parseCommand(io, `quote ${sub}`, HELP, rest, FORM_OPTIONS, 1);
    if ('exit' in p) return p.exit;
    const v = p.values as FormValues;
    let written;
    if (sub === 'add') {
      const item = await partSlug(io, p.positionals[0]!);
      const r = readForm(io, v);
      written = await call(io.ctx(), 'quotes:add', { item, quote: r.value, vatAssumed: r.vatAssumed });
    } else {
      const id = idOf(p.positionals[0]);
      const old = await call(io.ctx(), 'quotes:get', { id });
      const r = readForm(io, v, manualQuoteOf(old));
      written = await call(io.ctx(), 'quotes:correct', { id, quote: r.value, vatAssumed: r.vatAssumed });
    }
    if (v.json) {
      io.out(toJson(written));
      return 0;
    }
    const row = written.history.rows.find((r) => r.id === written.id)!;
    io.out(
      written.supersededId === undefined
        ? en('quotes.added', { id: written.id, supplier: row.supplier })
        : en('quotes.corrected', { id: written.id, old: written.supersededId }),
    );
    io.out(io.t('quote.written', { exVat: formatMajor(row.priceExVat, row.currency), inclVat: formatMajor(row.priceInclVat, row.currency), rate: Math.round(row.vatRate * 100), date: row.quoteDate }));
    if (written.vatAssumed) io.out(en('quotes.vatAssumed'));
    return 0;
  }
  if (sub === 'list') {
    const p = parseCommand(io, 'quote list', HELP, rest, { json: { type: 'boolean' } }, 1);
    if ('exit' in p) return p.exit;
    const h = await call(io.ctx(), 'quotes:history', { item: await partSlug(io, p.positionals[0]!) });
    if (p.values.json) io.out(toJson(h));
    else printHistory(io, h);
    return 0;
  }
  if (sub === 'retire') {
    const p = parseCommand(io, 'quote retire', HELP, rest, { reason: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' } }, 1);
    if ('exit' in p) return p.exit;
    const id = idOf(p.positionals[0]);
    if (!p.values.reason?.trim()) throw new CliError(en('quotes.invalid.reasonMissing'));
    const h = await call(io.ctx(), 'quotes:retire', { id, reason: p.values.reason, ...(p.values.by ? { by: p.values.by } : {}) });
    if (p.values.json) io.out(toJson(h));
    else io.out(en('quotes.retired', { id }));
    return 0;
  }
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(HELP);
    return 0;
  }
  io.err(`procure quote: ${io.t('quote.expectedSub')}\n${HELP}`);
  return 2;
}
