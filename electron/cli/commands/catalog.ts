/** `procure catalog list|show`: the catalog from the command line, with every figure's source. */
import { parseArgs } from 'node:util';
import { matchByName } from '../../../shared/domain/match';
import { FIGURE_KEYS, sourceOf } from '../../../shared/domain/accelerator';
import { figureValue, formatFigure } from '../../../shared/domain/figures';
import { quoteEntry } from '../../../shared/domain/price-policy';
import { call, CliError, cliError, table, type CliIo } from '../io';

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
      if (parts.length === 0) throw cliError('catalog.noVendor', { vendor: values.vendor, vendors: data.vendors.map((x) => x.name).join(', ') });
    }
    if (values.json) {
      io.out(JSON.stringify(parts, null, 2));
      return 0;
    }
    io.out(
      table(
        ['vendor', 'model', 'slug', 'memory', 'bandwidth', 'bf16', 'fp8', 'int8', 'tdp', 'price'].map((h) => io.t(`catalog.head.${h}`)),
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
          a.bestPrice ? `${a.bestPrice.currency} ${Math.round(a.bestPrice.price).toLocaleString('en')}${a.bestPrice.estimate ? io.t('catalog.est') : ''}` : '–',
        ]),
      ),
    );
    io.out(io.t('catalog.count', { count: parts.length }));
    return 0;
  }
  if (sub === 'show') {
    const name = positionals.join(' ');
    if (!name) throw cliError('usage', { usage: 'catalog show NAME' });
    const m = matchByName(data.accelerators, name);
    if (!m.ok) throw new CliError(m.i18n ?? m.message);
    const a = m.value;
    const ctx = io.ctx();
    const today = ctx.today();
    // the part's whole price history, every status; purchase and server quotes (rental rates are per hour)
    const quotes = (await call(ctx, 'quotes:list', { item: a.slug })).filter((q) => q.kind !== 'rental-card-hour').map((q) => quoteEntry(q, today));
    if (values.json) {
      io.out(JSON.stringify({ ...a, quotes }, null, 2));
      return 0;
    }
    io.out(`${a.vendor} ${a.model} (${a.slug})${a.userEdited ? io.t('catalog.edited') : ''}`);
    const width = Math.max(...FIGURE_KEYS.map((k) => k.length));
    for (const k of FIGURE_KEYS) {
      const shown = formatFigure(figureValue(a, k));
      if (!shown) continue;
      const s = sourceOf(a, k);
      io.out(`${k.padEnd(width)}  ${shown}${s.estimate ? io.t('catalog.estimate') : ''}`);
      io.out(`${' '.repeat(width + 2)}${io.t('catalog.source', { title: s.title, url: s.url ? ` <${s.url}>` : '', asOf: s.asOf })}`);
      if (s.note) io.out(`${' '.repeat(width + 2)}${io.t('catalog.note', { note: s.note })}`);
    }
    io.out(io.t('catalog.efficiency', { mbu: a.mbu, mfu: a.mfu, maturity: a.softwareMaturity }));
    if (a.bestPrice) {
      const bp = a.bestPrice;
      const flags = (['estimate', 'expired', 'stale'] as const).filter((f) => bp[f]).map((f) => io.t(`catalog.flag.${f}`)).join(', ');
      io.out(io.t('catalog.priceUsed', { price: `${bp.currency} ${bp.price.toLocaleString('en')}`, supplier: bp.supplier, asOf: bp.asOf, days: bp.ageDays, flags: flags ? `; ${flags}` : '' }));
    }
    if (quotes.length) {
      io.out(io.t('catalog.quotes'));
      for (const q of quotes) {
        const what = q.server ? io.t('catalog.serverQuote', { cards: q.server.cards ?? '?', platform: q.server.platform }) : io.t('catalog.cardQuote');
        const price = io.t(q.vatIncluded ? 'catalog.inclVat' : 'catalog.exVat', { price: `${q.currency} ${q.unitPrice.toLocaleString('en')}` });
        const exVat = io.t('catalog.exVat', { price: q.unitPriceExVat.toLocaleString('en') });
        const status = `${io.t(`catalog.status.${q.status}`)}${q.estimate ? `, ${io.t('catalog.flag.estimate')}` : ''}`;
        io.out(`  #${q.id}  ${q.quoteDate}  ${q.supplier}  ${price} = ${exVat}  ${what}  ${status}${q.validUntil ? `  ${io.t('catalog.validUntil', { date: q.validUntil })}` : ''}  ${q.source}`);
      }
    }
    return 0;
  }
  throw cliError('usage', { usage: 'catalog list [--json] [--vendor V] | procure catalog show NAME [--json]' });
}
