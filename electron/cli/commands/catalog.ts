/** `procure catalog list|show`: the catalog from the command line, with every figure's source. */
import { parseArgs } from 'node:util';
import { matchByName } from '../../../shared/domain/match';
import { FIGURE_KEYS, sourceOf } from '../../../shared/domain/accelerator';
import { figureValue, formatFigure } from '../../../shared/domain/figures';
import { quoteEntry } from '../../../shared/domain/price-policy';
import { call, CliError, table, type CliIo } from '../io';

export async function catalogCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean' }, vendor: { type: 'string' }, db: { type: 'string' } },
    allowPositionals: true,
  });
  const data = await call(io.ctx(), 'catalog:list');
  if (sub === 'list') {
    let parts = data.accelerators;
    if (values.vendor) {
      const v = values.vendor.toLowerCase();
      parts = parts.filter((a) => a.vendor.toLowerCase().includes(v));
      if (parts.length === 0) throw new CliError(`no vendor matches "${values.vendor}"; vendors: ${data.vendors.map((x) => x.name).join(', ')}`);
    }
    if (values.json) {
      io.out(JSON.stringify(parts, null, 2));
      return 0;
    }
    io.out(
      table(
        ['Vendor', 'Model', 'Slug', 'Memory', 'TB/s', 'BF16/FP16', 'FP8', 'INT8', 'TDP W', 'Price (ex VAT)'],
        parts.map((a) => [
          a.vendor,
          a.model,
          a.slug,
          `${a.memoryGB} GB ${a.memoryType}`,
          a.memoryBandwidthTBps,
          String(a.tflops.bf16 ?? a.tflops.fp16 ?? '–'),
          String(a.tflops.fp8 ?? '–'),
          String(a.tflops.int8 ?? '–'),
          a.tdpW,
          a.bestPrice ? `${a.bestPrice.currency} ${Math.round(a.bestPrice.price).toLocaleString('en')}${a.bestPrice.estimate ? ' (est.)' : ''}` : '–',
        ]),
      ),
    );
    io.out(`${parts.length} accelerators`);
    return 0;
  }
  if (sub === 'show') {
    const name = positionals.join(' ');
    if (!name) throw new CliError('usage: procure catalog show NAME');
    const m = matchByName(data.accelerators, name);
    if (!m.ok) throw new CliError(m.message);
    const a = m.value;
    const ctx = io.ctx();
    const today = ctx.today();
    // the part's whole price history, every status; purchase and server quotes (rental rates are per hour)
    const quotes = (await call(ctx, 'quotes:list', { item: a.slug })).filter((q) => q.kind !== 'rental-card-hour').map((q) => quoteEntry(q, today));
    if (values.json) {
      io.out(JSON.stringify({ ...a, quotes }, null, 2));
      return 0;
    }
    io.out(`${a.vendor} ${a.model} (${a.slug})${a.userEdited ? '  [edited]' : ''}`);
    const width = Math.max(...FIGURE_KEYS.map((k) => k.length));
    for (const k of FIGURE_KEYS) {
      const shown = formatFigure(figureValue(a, k));
      if (!shown) continue;
      const s = sourceOf(a, k);
      io.out(`${k.padEnd(width)}  ${shown}${s.estimate ? '  [estimate]' : ''}`);
      io.out(`${' '.repeat(width + 2)}source: ${s.title}${s.url ? ` <${s.url}>` : ''}, as of ${s.asOf}`);
      if (s.note) io.out(`${' '.repeat(width + 2)}note: ${s.note}`);
    }
    io.out(`MBU ${a.mbu}, MFU ${a.mfu} (software maturity ${a.softwareMaturity})`);
    if (a.bestPrice) {
      const bp = a.bestPrice;
      const flags = [bp.estimate && 'estimate', bp.expired && 'expired', bp.stale && 'stale'].filter(Boolean).join(', ');
      io.out(`Price used: ${bp.currency} ${bp.price.toLocaleString('en')} ex VAT (${bp.supplier}, ${bp.asOf}, ${bp.ageDays} days old${flags ? `; ${flags}` : ''})`);
    }
    if (quotes.length) {
      io.out('Quotes:');
      for (const q of quotes) {
        const what = q.server ? `server (${q.server.cards ?? '?'} cards, ${q.server.platform})` : 'card';
        io.out(`  #${q.id}  ${q.quoteDate}  ${q.supplier}  ${q.currency} ${q.unitPrice.toLocaleString('en')} ${q.vatIncluded ? 'incl.' : 'ex'} VAT = ${q.unitPriceExVat.toLocaleString('en')} ex VAT  ${what}  ${q.status}${q.estimate ? ', estimate' : ''}${q.validUntil ? `  valid until ${q.validUntil}` : ''}  ${q.source}`);
      }
    }
    return 0;
  }
  throw new CliError('usage: procure catalog list [--json] [--vendor V] | procure catalog show NAME [--json]');
}
