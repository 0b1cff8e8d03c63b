/**
 * API channels of what a team shares besides suppliers and quotes: catalog figure conflicts
 * (two people changed the same field since their last sync: the later push won on the hub, the
 * catalog keeper confirms or reverses it), shared builds and bid sets (their author's,
 * read-only to others, versioned; a colleague duplicates one into a local copy), and a row's
 * history from the hub's audit table.
 */
import { z } from 'zod';

const uuid = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'an id of the hub (a UUID)' });
const localId = z.number().int().positive();
export const sharedKinds = ['build', 'bidset'] as const;
export type SharedKind = (typeof sharedKinds)[number];

/** A figure's source as it travels with a figure edit. */
export interface FigureSourceView {
  title: string;
  url: string;
  asOf: string;
  estimate: boolean;
  note: string;
}

/** One side of a conflict: the value one person pushed, who, and when. */
export interface ConflictSide {
  /** The figure's value (a number, a string, or for exportControl `{ CN, other }`; null: none). */
  value: unknown;
  source: FigureSourceView;
  author: string;
  /** When they edited it on their laptop (shown; the hub's order decides). */
  editedAt: string;
  /** When the hub took it. */
  pushedAt: string;
}

export interface CatalogConflictView {
  id: string;
  /** The part's catalog slug and the figure (a FigureKey such as `tdpW`, `tflops.bf16`). */
  part: string;
  field: string;
  /** The value the later push overwrote. */
  earlier: ConflictSide;
  /** The later push: the hub's value until the conflict is reversed. */
  later: ConflictSide;
  status: 'open' | 'confirmed' | 'reversed';
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** Resolved on this laptop, not yet shared (the next sync pushes it). */
  pending: 'confirm' | 'reverse' | null;
  /** Which side this laptop's user pushed, if either. */
  mine: 'earlier' | 'later' | null;
}

export interface SharedVersionView {
  versionId: string;
  version: number;
  name: string;
  sharedAt: string;
}

export interface SharedDocView {
  docId: string;
  kind: SharedKind;
  author: string;
  /** The latest version pulled (or, for one's own, shared). */
  latest: SharedVersionView;
  /** Every version this laptop holds, newest first (with `history`). */
  versions?: SharedVersionView[];
  mine: boolean;
  /** The local build or bid set it was shared from (the author's laptop only). */
  localId: number | null;
  /** A share made here that the next sync pushes. */
  pending: boolean;
}

export interface TeamShareOut {
  kind: SharedKind;
  localId: number;
  name: string;
  docId: string;
  /** queued: a new version waits for the next sync; unchanged: the shared version is this one. */
  status: 'queued' | 'unchanged';
}

export interface TeamHistoryEntry {
  at: string;
  who: string;
  op: string;
  table: string;
  old: unknown;
  new: unknown;
}

export const teamMergeChannels = {
  /** Catalog conflicts this laptop has pulled (open ones unless `all`). */
  'team:conflicts': { input: z.object({ all: z.boolean().optional() }).strict().optional(), output: [] as CatalogConflictView[] },
  /**
   * Confirm the later value or reverse to the earlier one, recorded here and pushed by the next
   * sync; the hub takes it only from a catalog keeper or an admin.
   */
  'team:resolve': { input: z.object({ id: uuid, decision: z.enum(['confirm', 'reverse']) }).strict(), output: {} as CatalogConflictView },
  /** Share a build or a bid set (by local id or name): a new version when it changed since the last share. */
  'team:share': {
    input: z
      .object({ kind: z.enum(sharedKinds), id: localId.optional(), name: z.string().trim().min(1).max(200).optional() })
      .strict()
      .refine((x) => (x.id === undefined) !== (x.name === undefined), { error: 'give the id or the name' }),
    output: {} as TeamShareOut,
  },
  /** Shared builds and bid sets pulled here (the latest version of each, with `history` every version). */
  'team:shared-list': {
    input: z.object({ kind: z.enum(sharedKinds).optional(), history: z.boolean().optional() }).strict().optional(),
    output: [] as SharedDocView[],
  },
  /** A local editable copy of a shared version (the latest of `docId`, or `versionId`). */
  'team:duplicate': {
    input: z
      .object({ docId: uuid.optional(), versionId: uuid.optional(), name: z.string().trim().min(1).max(200).optional() })
      .strict()
      .refine((x) => (x.docId === undefined) !== (x.versionId === undefined), { error: 'give the docId or the versionId' }),
    output: {} as { kind: SharedKind; id: number; name: string },
  },
  /**
   * A row's history from the hub's audit (oldest first): a part by its slug (its figure edits and
   * conflicts), a quote or a supplier by its global id (or a quote by its local id). Online only.
   */
  'team:history': {
    input: z
      .object({ kind: z.enum(['part', 'quote', 'supplier']), gid: z.string().trim().min(1).max(80).optional(), id: localId.optional() })
      .strict()
      .refine((x) => (x.gid === undefined) !== (x.id === undefined), { error: 'give the gid or the id' }),
    output: [] as TeamHistoryEntry[],
  },
} as const;
