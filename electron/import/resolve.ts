/**
 * What a row is a quote for: a catalog part (card purchase or rental), or a whole server of
 * N cards recorded against a server platform. Unknown parts are created from the row or the row
 * is skipped, as the user chose; a server platform that fits no catalog entry is created.
 */
import type { Said } from '../../shared/i18n/translate';
import type { AppContext } from '../context';
import type { PreviewRow } from '../../shared/contract/import';
import type { Accelerator } from '../../shared/domain/accelerator';
import { perCardExVat, type Server } from '../../shared/domain/catalog';
import { normalizeName } from '../../shared/domain/match';
import type { Currency } from '../../shared/money';
import type { StoredAccelerator } from '../db/repos/accelerators';
import { PartMatcher, type PartMatch } from './catalog-match';
import { canonicalVendor, importedServer, placeholderAccelerator, placeholderSource, slugFor, type KnownVendor } from './create-part';
import type { RowDraft } from './rows';
import { MEMO_LIMIT } from './memo';
import { saidOften } from './said-often';
import { readServerText, serverSlug, type ServerText } from './server-row';
import { findServerIn, serverKeys, type ServerNames } from '../../shared/domain/oem-servers';
import type { OemServerNames } from '../db/server-catalog';
import { isServerUnit } from './plausibility';

export interface Resolver {
  ctx: AppContext;
  file: string;
  sheet: string;
  /** The item column, named in row issues. */
  itemColumn: { letter: string; header: string };
  today: string;
  createUnknown: boolean;
  parts: StoredAccelerator[];
  servers: (Server & { id: number })[];
  vendors: KnownVendor[];
  newParts: Map<string, { part: Accelerator; rows: number[] }>;
  newServers: Map<string, { server: Server; rows: number[] }>;
  /** Parts created earlier in this sheet, by normalized text, so one name creates one part. */
  partByText: Map<string, string>;
  /** The catalog's parts by slug, made once (a catalog has thousands). */
  partBySlug?: Map<string, StoredAccelerator>;
  matcher?: PartMatcher<StoredAccelerator>;
  /** Catalog server names, normalized once, longest first. */
  serverNames?: { s: Server & { id: number }; n: string }[];
  /** What each item text (with its hints) reads as, worked out once per plan: see Reading. */
  readings?: Map<string, Reading>;
  /** The OEM server alias list (assets/seed/servers.json, as seeded). */
  oem: OemServerNames[];
  oemNames?: ServerNames<{ server: Server & { id: number }; fixedCard: boolean }>[];
}

/**
 * The pure part of resolving a row: the catalog server its text names, or the server text's
 * card count and card text, and the catalog match of the card. It depends only on the text,
 * the vendor, memory and card-count hints and the catalog (fixed while a plan is built), so it
 * is worked out once per distinct text and hints; what a row does with it (issues, parts and
 * servers to create, the rows that use them) is done for every row, as before.
 */
interface Reading {
  known?: Server & { id: number };
  /** Why the known server's card could not be told (an issue for the row). */
  knownCardIssue?: string;
  /** The known server's card in the catalog; undefined is an issue. */
  knownCard?: Card;
  st?: ServerText;
  /** The card text matched against the catalog (after the known-server case). */
  match?: PartMatch<StoredAccelerator>;
  /** normalizeName of the card text, for parts planned from this text. */
  newKey?: string;
  /** The matched part's display name. */
  matchName?: string;
}

export interface ResolvedItem {
  item: string;
  kind: 'purchase' | 'rental-card-hour' | 'server-purchase';
  cards?: number;
  cardSlug?: string;
}

type Card = { slug: string; model: string; formFactor: string };

function issue(out: PreviewRow, draft: RowDraft, r: Resolver, why: string | Said): void {
  const m = typeof why === 'string' ? { message: why } : why;
  out.issues.push({ file: r.file, sheet: r.sheet, row: draft.row, column: r.itemColumn.letter, header: r.itemColumn.header, ...m });
}

/** The catalog match of a card text: as written, then with the row's vendor in front. */
function matchCard(r: Resolver, draft: RowDraft, text: string): PartMatch<StoredAccelerator> {
  r.matcher ??= new PartMatcher(r.parts);
  const hints = { ...(draft.vendor && { vendor: draft.vendor }), ...(draft.memoryGB && { memoryGB: draft.memoryGB }) };
  const m = r.matcher.match(text, hints);
  if (!m.ok && m.reason === 'not-found' && draft.vendor) return r.matcher.match(`${draft.vendor} ${text}`, hints);
  return m;
}

/** The reading of a row's item text and hints, from the plan's readings or worked out now. */
function reading(r: Resolver, draft: RowDraft): Reading {
  const { text, vendor, memoryGB, cards, unit, specText, nameText } = draft;
  // Numbers hold no NUL and each text but the last carries its length, so the text can end the key.
  const sized = (t: string | undefined) => (t === undefined ? '' : `${t.length}:${t}`);
  const key = `${memoryGB ?? ''}\u0000${cards ?? ''}\u0000${sized(vendor)}\u0000${sized(unit)}\u0000${sized(specText)}\u0000${sized(nameText)}\u0000${text}`;
  r.readings ??= new Map();
  let rd = r.readings.get(key);
  if (!rd) {
    rd = readingOf(r, draft);
    if (r.readings.size < MEMO_LIMIT) r.readings.set(key, rd);
  }
  return rd;
}

function readingOf(r: Resolver, draft: RowDraft): Reading {
  const { text, cards } = draft;
  const oem = oemServerIn(r, text) ?? (draft.nameText ? oemServerIn(r, draft.nameText) : undefined);
  const known = oem?.server ?? serverByName(r, text);
  if (known) return { known, ...knownCard(r, draft, known, oem?.fixedCard ?? true) };
  const serverUnit = isServerUnit(draft.unit);
  let st = readServerText(text, cards, serverUnit) ?? (draft.nameText ? readServerText(`${draft.nameText} ${text}`, cards, serverUnit) : undefined);
  // A server unit (台) and a card count in the parameters: a whole server of that card.
  if (!st && serverUnit) {
    const ev = cardInSpec(r, draft);
    if (ev?.cards !== undefined) st = { cards: ev.cards, cardText: text };
  }
  return { st, match: matchCard(r, draft, st ? st.cardText : text) };
}

/** An OEM server named in the text (Atlas 800I A2, NF5688M7), by the seeded alias list. */
function oemServerIn(r: Resolver, text: string): { server: Server & { id: number }; fixedCard: boolean } | undefined {
  if (!r.oemNames) {
    const bySlug = new Map(r.servers.map((s) => [s.slug, s]));
    r.oemNames = r.oem.flatMap((o) => {
      const server = bySlug.get(o.slug);
      return server ? [{ item: { server, fixedCard: o.fixedCard }, keys: serverKeys(o) }] : [];
    });
  }
  return findServerIn(text, r.oemNames);
}

/**
 * A card named in the technical parameters (主要技术参数 "8×昇腾910B4 64GB，鲲鹏920×4"): the first
 * segment that names a catalog card, with the count written next to it.
 */
function cardInSpec(r: Resolver, draft: RowDraft): { part: StoredAccelerator; cards?: number } | undefined {
  for (const t of [draft.specText, draft.nameText]) {
    if (!t) continue;
    for (const seg of t.split(/[,，;；、\n|/]+/)) {
      const st = readServerText(seg, undefined, true);
      const m = matchCard(r, { ...draft, vendor: undefined }, st ? st.cardText : seg);
      if (m.ok) return { part: m.part, ...(st && { cards: st.cards }) };
    }
  }
  return undefined;
}

function partOf(r: Resolver, slug: string): StoredAccelerator | undefined {
  r.partBySlug ??= new Map(r.parts.map((p) => [p.slug, p]));
  return r.partBySlug.get(slug);
}

/** The card a known server holds: the one the row names among those it takes, else its own. */
function knownCard(r: Resolver, draft: RowDraft, known: Server & { id: number }, fixed: boolean): Pick<Reading, 'knownCard' | 'knownCardIssue'> {
  const named = cardInSpec(r, draft)?.part;
  if (named && known.compatible.includes(named.slug)) return { knownCard: named };
  if (fixed || known.compatible.length === 1) {
    const slug = known.compatible[0];
    return { knownCard: slug ? partOf(r, slug) : undefined };
  }
  const takes = known.compatible.map((c) => partOf(r, c)?.model ?? c).join(', ');
  return {
    knownCardIssue: named
      ? `${known.name} does not take ${named.model} (it takes ${takes})`
      : `${known.name} holds ${known.cardsPerServer} cards of one of ${takes}: the row does not say which (name the card in the parameters, e.g. "${known.cardsPerServer}×H20")`,
  };
}

/** Find (or plan to create) the card a text names; undefined when the row is skipped or in error. */
function findCard(r: Resolver, draft: RowDraft, out: PreviewRow, text: string, rd: Reading): Card | undefined {
  const m = rd.match!;
  if (m.ok) {
    out.match = { slug: m.part.slug, name: (rd.matchName ??= `${m.part.vendor} ${m.part.model}`), confidence: m.confidence, via: m.via };
    return m.part;
  }
  if (m.reason === 'ambiguous') {
    issue(out, draft, r, saidOften('errors.import.row.ambiguous', { text, detail: m.i18n ?? m.message }, { detail: m.message }));
    return undefined;
  }
  const key = (rd.newKey ??= normalizeName(text));
  const planned = r.partByText.get(key);
  if (planned) {
    const p = r.newParts.get(planned)!;
    p.rows.push(draft.row);
    out.createPart = { slug: p.part.slug, vendor: p.part.vendor, model: p.part.model };
    return p.part;
  }
  if (!r.createUnknown) {
    out.status = 'skipped';
    const why = saidOften('errors.import.skip.unknownPart', { text });
    out.skipReason = why.message;
    out.skipReasonI18n = why.i18n;
    return undefined;
  }
  const vendor = canonicalVendor(draft.vendor ?? 'Unknown', r.vendors);
  const slug = slugFor(vendor, text, (s) => partOf(r, s) !== undefined || r.newParts.has(s));
  const part = placeholderAccelerator({ slug, vendor, model: text, memoryGB: draft.memoryGB, source: placeholderSource(r.file, draft.row, r.today) });
  r.newParts.set(slug, { part, rows: [draft.row] });
  r.partByText.set(key, slug);
  out.createPart = { slug, vendor, model: part.model };
  return part;
}

/** A catalog server whose name the text contains ("Atlas 800I A2 推理服务器"). */
function serverByName(r: Resolver, text: string): (Server & { id: number }) | undefined {
  r.serverNames ??= r.servers
    .map((s) => ({ s, n: normalizeName(s.name) }))
    .filter((x) => x.n.length >= 5)
    .sort((a, b) => b.n.length - a.n.length);
  const q = normalizeName(text);
  return r.serverNames.find((x) => q.includes(x.n))?.s;
}

function platformFor(r: Resolver, draft: RowDraft, card: Card, cards: number, currency: Currency): { slug: string; name: string; create: boolean } {
  const fit = r.servers.find((s) => s.cardsPerServer === cards && s.compatible.includes(card.slug));
  if (fit) return { slug: fit.slug, name: fit.name, create: false };
  for (const [slug, planned] of r.newServers) {
    if (planned.server.cardsPerServer === cards && planned.server.compatible.includes(card.slug)) {
      planned.rows.push(draft.row);
      return { slug, name: planned.server.name, create: true };
    }
  }
  let slug = serverSlug(card.slug, cards);
  for (let n = 2; r.servers.some((s) => s.slug === slug) || r.newServers.has(slug); n++) slug = `${serverSlug(card.slug, cards)}-${n}`;
  const similar = r.servers.find((s) => s.cardsPerServer === cards);
  const server = importedServer({
    slug,
    name: `${card.model} ×${cards} server`,
    cards,
    cardSlug: card.slug,
    formFactor: card.formFactor,
    currency,
    ...(similar && { similarHostPowerW: similar.hostPowerW }),
    source: placeholderSource(r.file, draft.row, r.today),
  });
  r.newServers.set(slug, { server, rows: [draft.row] });
  return { slug, name: server.name, create: true };
}

export function resolveItem(r: Resolver, draft: RowDraft, out: PreviewRow, currency: Currency): ResolvedItem | undefined {
  const rd = reading(r, draft);
  const { known, st } = rd;
  if (known || st) {
    const cards = known?.cardsPerServer ?? st!.cards;
    let card: Card | undefined;
    if (known) {
      card = rd.knownCard;
      if (!card) {
        issue(out, draft, r, rd.knownCardIssue ?? `server "${known.name}" lists no card kind in the catalog`);
        return undefined;
      }
      out.match = { slug: card.slug, name: card.model, confidence: 0.85, via: 'server' };
    } else {
      card = findCard(r, draft, out, st!.cardText, rd);
      if (!card) return undefined;
    }
    const platform = known ? { slug: known.slug, name: known.name, create: false } : platformFor(r, draft, card, cards, currency);
    out.kind = 'server-purchase';
    out.server = { slug: platform.slug, name: platform.name, create: platform.create, cards, cardSlug: card.slug };
    if (out.price !== undefined) out.server.perCardExVat = perCardExVat(out.price, out.vatIncluded ?? false, out.vatRate ?? 0, currency, cards);
    return { item: platform.slug, kind: 'server-purchase', cards, cardSlug: card.slug };
  }
  const card = findCard(r, draft, out, draft.text, rd);
  if (!card) return undefined;
  out.kind = draft.rental ? 'rental-card-hour' : 'purchase';
  return { item: card.slug, kind: out.kind };
}

/** The catalog or OEM server a text names, if any (for telling which column names parts). */
export function resolveKnownServer(r: Resolver, draft: RowDraft): (Server & { id: number }) | undefined {
  return oemServerIn(r, draft.text)?.server ?? serverByName(r, draft.text);
}
