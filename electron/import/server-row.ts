/**
 * Whole-server quotes (整机): "推理服务器 昇腾910B×8", "HGX H20 8-GPU server", "8卡 H100 整机".
 * Finds the card count and the text naming the card; the caller matches the card to the catalog
 * and the (card, count) pair to a server platform.
 */
import { normalizeName } from '../../shared/domain/match';
import { clean } from './text';

const SERVER_WORDS = /服务器|整机|一体机|训练机|推理机|节点|\bservers?\b|\bhgx\b|\bdgx\b|\bnodes?\b|\bsystems?\b|\bchassis\b|\bappliance\b|atlas\s*[89]00/i;

const GENERIC_WORDS = /服务器|整机|一体机|训练机|推理机|节点|\bservers?\b|\bhgx\b|\bdgx\b|\bnodes?\b|\bsystems?\b|\bchassis\b|\bappliance\b/gi;

/** "×8", "x8", "*8" after the card; "8×", "8x" before it; "8卡", "8-GPU", "8 cards", "8-way". */
const COUNT_PATTERNS: RegExp[] = [
  /[×*✕]\s*(\d{1,2})(?![\d.])/,
  // A Latin x only counts standing apart ("H100 x8"), so part names like "MLU370-X8" survive.
  /(?:^|\s)[xX]\s?(\d{1,2})(?![\d.])/,
  /(?<![\d.])(\d{1,2})\s*[×*✕]/,
  /(?<![\w.])(\d{1,2})[xX](?=\s|$)/,
  /(?<![\d.])(\d{1,2})\s*[-‐]?\s*(?:卡|张卡|块卡|gpus?\b|cards?\b|way\b|accelerators?\b|npus?\b)/i,
];

export interface ServerText {
  cards: number;
  /** The item text without the count and the server words: what names the card. */
  cardText: string;
}

/**
 * Is this row a whole server? It is when the text has a card count (×8, x8, 8×, 8卡, 8-GPU) or a
 * 卡数 column gives one (`cardsCell`) alongside a server word or a server unit (`serverUnit`: 台,
 * 套, node).
 */
export function readServerText(text: string, cardsCell?: number, serverUnit = false): ServerText | undefined {
  const t = clean(text);
  const hasWord = SERVER_WORDS.test(t) || serverUnit;
  let cards = cardsCell;
  let rest = t;
  let counted = false;
  for (const re of COUNT_PATTERNS) {
    const m = re.exec(rest);
    if (m) {
      cards ??= Number(m[1]);
      rest = rest.replace(re, ' ');
      counted = true;
      break;
    }
  }
  // A count in the text says "server" by itself; a 卡数 column only with a server word or unit.
  if (!(counted || hasWord) || cards === undefined || cards < 2 || cards > 64) return undefined;
  // Platform names (Atlas 800) stay: they help no match but must not be cut in half.
  const cardText = clean(rest.replace(GENERIC_WORDS, ' ').replace(/推理|训练|inference|training/gi, ' '));
  return { cards, cardText: cardText || t };
}

/** A slug for a server platform created from a sheet: "nvidia-h20-x8-server". */
export function serverSlug(cardSlug: string, cards: number): string {
  return `${cardSlug}-x${cards}-server`.slice(0, 80);
}

export function sameServerName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
