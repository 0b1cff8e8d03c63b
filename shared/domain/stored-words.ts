/**
 * English words inside short catalog texts the seed stores ("HBM (type not disclosed)",
 * "PCIe (consumer)", "TSMC N7 (reported)"): each known phrase has a display key
 * (`storedWords.*`), so a screen says it in its language while the stored text, which the
 * user may edit and which the team hub shares, stays as written. Names (TSMC, SK hynix, Atlas
 * 800T A2) are not phrases here: they read the same in both languages.
 */
export const STORED_PHRASES = [
  ['reported; Jan-2025 foundry due-diligence rule clouds new lots', 'reportedDueDiligence'],
  ['some early dies TSMC via proxy', 'earlyDiesViaProxy'],
  ['halted after Entity Listing', 'haltedAfterEntityListing'],
  ['TSMC dies via proxy', 'tsmcDiesViaProxy'],
  ['reported for new lots', 'reportedForNewLots'],
  ['foundry not disclosed', 'foundryNotDisclosed'],
  ['type not disclosed', 'typeNotDisclosed'],
  ['type unconfirmed', 'typeUnconfirmed'],
  ['pre-Dec-2024 ban', 'preDec2024Ban'],
  ['pre-Entity-List', 'preEntityList'],
  ['OAM-like module', 'oamLikeModule'],
  ['pre-2024 lots', 'pre2024Lots'],
  ['not disclosed', 'notDisclosed'],
  ['earlier DCUs', 'earlierDcus'],
  ['CXMT ramping', 'cxmtRamping'],
  ['early lots', 'earlyLots'],
  ['stockpiled', 'stockpiled'],
  ['7nm-class', 'class7nm'],
  ['12nm-class', 'class12nm'],
  ['consumer', 'consumer'],
  ['estimate', 'estimate'],
  ['reported', 'reported'],
  ['pre-ban', 'preBan'],
  ['none', 'none'],
] as const;

export type StoredPhraseKey = (typeof STORED_PHRASES)[number][1];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// longest first (the list is so ordered), whole words only: "none" is not inside "nonetheless"
const PATTERN = new RegExp(`(?<![A-Za-z-])(${STORED_PHRASES.map(([p]) => escape(p)).join('|')})(?![A-Za-z-])`, 'g');
const KEY_OF = new Map<string, StoredPhraseKey>(STORED_PHRASES.map(([p, k]) => [p, k]));

/** A stored short text with its known phrases said through `t` (the UI's language); the rest as stored. */
export function sayStored(text: string, t: (key: string) => string): string {
  return text.replace(PATTERN, (phrase) => t(`storedWords.${KEY_OF.get(phrase)!}`));
}
