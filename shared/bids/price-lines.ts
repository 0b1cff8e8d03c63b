/**
 * The priced items of a build, ex and incl. VAT, as a bid's detail page lists them: the cards
 * and hosts of each line and the network. Whether an item belongs to the vendor's quote
 * (`inBid`) decides what the bid total — the figure a budget cap is checked against — adds up.
 */
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

function item(kind: PriceLineKind, name: string, qty: number, unitExVat: number, vatRate: number, inBid: boolean): PriceLine {
  const unitInclVat = unitExVat * (1 + vatRate);
  return { kind, item: name, qty, unitExVat, unitInclVat, totalExVat: qty * unitExVat, totalInclVat: qty * unitInclVat, inBid };
}

export function priceLines(build: BuildResult, opts: PriceLineOptions): PriceLine[] {
  const out: PriceLine[] = [];
  build.lines.forEach((l, i) => {
    out.push(item('cards', l.accelerator, l.count, l.cardPrice, opts.vatRate, true));
    if (l.server.count > 0) out.push(item('hosts', l.server.name, l.server.count, l.server.price, opts.vatRate, opts.hostQuoted?.[i] ?? true));
    const net = opts.networkPerCard?.[i];
    if (net !== undefined && net > 0) out.push(item('network', l.accelerator, l.count, net, opts.vatRate, true));
  });
  if (!opts.networkPerCard) {
    // the build's network is one figure in the TCO; it is not split per line
    const network = tcoBreakdown(build, 0, 1).network;
    if (network > 0.005) out.push(item('network', build.name, 1, network, opts.vatRate, true));
  }
  return out;
}

/** Totals of the items in the bid: ex VAT, VAT, incl. VAT. */
export function bidTotals(lines: readonly PriceLine[], vatRate: number): { exVat: number; vat: number; inclVat: number } {
  const exVat = lines.filter((l) => l.inBid).reduce((s, l) => s + l.totalExVat, 0);
  return { exVat, vat: exVat * vatRate, inclVat: exVat * (1 + vatRate) };
}
