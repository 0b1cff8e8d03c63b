/**
 * The priced items of a build, ex and incl. VAT, as a bid's detail page lists them: the cards
 * and hosts of each line and the network. Whether an item belongs to the vendor's quote
 * (`inBid`) decides what the bid total — the figure a budget cap is checked against — adds up.
 */
import { inclVat, money, toMajor, type Currency } from '../money';
import type { BuildResult } from '../scenario/evaluate';
import { tcoBreakdown } from '../report/breakdown';

export type PriceLineKind = 'cards' | 'hosts' | 'network';

export interface PriceLine {
  kind: PriceLineKind;
  item: string;
  qty: number;
  unitExVat: number;
  unitInclVat: number;
  totalExVat: number;
  totalInclVat: number;
  inBid: boolean;
}

export interface PriceLineOptions {
  vatRate: number;
  /** Per line, the network price per card (ex VAT, converted); omitted: one network item for the build. */
  networkPerCard?: readonly number[];
  /** Per line, whether the bid quotes the host itself (else the catalog host is used and not in the bid). */
  hostQuoted?: readonly boolean[];
}

/** Ex-VAT figures are the models' (converted, unrounded); incl-VAT ones follow shared/money's VAT rule, VAT on the line total as on a fapiao. */
function item(kind: PriceLineKind, name: string, qty: number, unitExVat: number, opts: PriceLineOptions & { currency: Currency }, inBid: boolean): PriceLine {
  const totalExVat = qty * unitExVat;
  return {
    kind,
    item: name,
    qty,
    unitExVat,
    unitInclVat: inclVat(unitExVat, opts.vatRate, opts.currency),
    totalExVat,
    totalInclVat: inclVat(totalExVat, opts.vatRate, opts.currency),
    inBid,
  };
}

export function priceLines(build: BuildResult, options: PriceLineOptions): PriceLine[] {
  const opts = { ...options, currency: build.currency };
  const out: PriceLine[] = [];
  build.lines.forEach((l, i) => {
    out.push(item('cards', l.accelerator, l.count, l.cardPrice, opts, true));
    if (l.server.count > 0) out.push(item('hosts', l.server.name, l.server.count, l.server.price, opts, opts.hostQuoted?.[i] ?? true));
    const net = opts.networkPerCard?.[i];
    if (net !== undefined && net > 0) out.push(item('network', l.accelerator, l.count, net, opts, true));
  });
  if (!opts.networkPerCard) {
    // the build's network is one figure in the TCO; it is not split per line
    const network = tcoBreakdown(build, 0, 1).network;
    if (network > 0.005) out.push(item('network', build.name, 1, network, opts, true));
  }
  return out;
}

/** Totals of the items in the bid: ex VAT and incl. VAT to the minor unit (shared/money's VAT rule), and the VAT between them. */
export function bidTotals(lines: readonly PriceLine[], vatRate: number, currency: Currency): { exVat: number; vat: number; inclVat: number } {
  const exVat = toMajor(money(lines.filter((l) => l.inBid).reduce((s, l) => s + l.totalExVat, 0), currency));
  const incl = inclVat(exVat, vatRate, currency);
  return { exVat, vat: toMajor(money(incl - exVat, currency)), inclVat: incl };
}
