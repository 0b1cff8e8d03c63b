/**
 * Whether a row's price is plausible for what it matched. A server priced as a card (180万 per 台
 * against a ¥120,000 card) or a typo that adds a digit would otherwise land in a part's price
 * history pre-selected; such a row is flagged `needsConfirmation` with the reason, and is only
 * committed when the user confirms it.
 *
 * "Current price" here: the price a build would use, the price policy's choice (shared/domain/
 * price-policy choosePrice: real quotes before estimates, valid before expired, each
 * supplier's latest), ex VAT, in CNY, the price the catalog shows. So an estimate never makes a
 * real quote look implausible while real quotes exist. A quote outside 0.2–5× of it is
 * implausible; so is a card name with a server unit.
 */
import type { Said } from '../../shared/i18n/translate';
import type { PreviewRow } from '../../shared/contract/import';
import type { Server } from '../../shared/domain/catalog';
import { convertMajor, formatMajor, type Currency, type FxTable } from '../../shared/money';
import { choosePricePerItem, type PolicyQuote } from '../../shared/domain/price-policy';
import { saidOften } from './said-often';

export const PLAUSIBLE_RANGE = { low: 0.2, high: 5 } as const;

/** Units that mean a whole machine: 台, 套, node, server. */
const SERVER_UNIT = /^(?:台|套|台套|部|节点|整机|nodes?|servers?|systems?|units?\s*\(server\))$/i;

export function isServerUnit(unit: string | undefined): boolean {
  return unit !== undefined && SERVER_UNIT.test(unit.trim());
}

export class CurrentPrices {
  private readonly cardCny = new Map<string, number>();

  /** `quotes`: the purchase quotes the policy may choose from today (QuoteRepo.purchaseCandidates). */
  constructor(
    quotes: readonly PolicyQuote[],
    private readonly fx: FxTable,
    policy: { today: string; staleDays: number },
  ) {
    for (const [item, p] of choosePricePerItem(quotes, { kind: 'purchase', currency: 'CNY', fx, ...policy })) {
      if (p.price > 0) this.cardCny.set(item, p.price);
    }
  }

  toCny(amount: number, currency: Currency): number | undefined {
    try {
      return convertMajor(amount, currency, 'CNY', this.fx);
    } catch {
      return undefined;
    }
  }

  /** A card's current price, ex VAT, in CNY. */
  card(slug: string): number | undefined {
    return this.cardCny.get(slug);
  }
}

const cny = (n: number) => formatMajor(Math.round(n), 'CNY');
const times = (r: number) => `${r >= 10 ? Math.round(r) : Math.round(r * 10) / 10}×`;

/**
 * Why a resolved row needs confirmation, or undefined. `server` is the platform a server quote
 * names (for its host price), `cardName` the matched card's display name.
 */
export function confirmationReason(row: PreviewRow, prices: CurrentPrices, server: (Server & { id?: number }) | undefined): Said | undefined {
  if (row.priceExVat === undefined || !row.currency) return undefined;
  const priced = prices.toCny(row.priceExVat, row.currency);
  const cardSlug = row.server?.cardSlug ?? row.match?.slug;
  const cardName = row.match?.name ?? cardSlug ?? '';
  if (row.kind === 'purchase' && isServerUnit(row.unit)) {
    return saidOften('errors.import.confirm.serverUnit', { unit: row.unit ?? '', card: cardName });
  }
  if (priced === undefined || !cardSlug) return undefined;
  const card = prices.card(cardSlug);
  if (card === undefined) return undefined;
  if (row.kind === 'purchase') {
    const r = priced / card;
    if (r >= PLAUSIBLE_RANGE.low && r <= PLAUSIBLE_RANGE.high) return undefined;
    const vars = { price: cny(priced), times: times(r), card: cardName, current: cny(card), low: PLAUSIBLE_RANGE.low, high: PLAUSIBLE_RANGE.high };
    return saidOften(r > PLAUSIBLE_RANGE.high ? 'errors.import.confirm.cardHigh' : 'errors.import.confirm.cardLow', vars);
  }
  if (row.kind === 'server-purchase' && row.server) {
    const host = server ? prices.toCny(server.hostPrice, server.currency) : undefined;
    const expected = (host ?? 0) + row.server.cards * card;
    const r = priced / expected;
    if (r >= PLAUSIBLE_RANGE.low && r <= PLAUSIBLE_RANGE.high) return undefined;
    const vars = { price: cny(priced), times: times(r), cards: row.server.cards, card: cardName, each: cny(card), host: host ? cny(host) : '', expected: cny(expected), low: PLAUSIBLE_RANGE.low, high: PLAUSIBLE_RANGE.high };
    return saidOften(host ? 'errors.import.confirm.serverWithHost' : 'errors.import.confirm.server', vars);
  }
  return undefined;
}
