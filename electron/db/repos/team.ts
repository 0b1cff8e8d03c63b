/**
 * The local side of team sync (tables team_hub and team_unplaced, and the gid / hub_change
 * columns of supplier and quote): what is waiting to be shared, marking what the hub took, and
 * applying what others shared, a page at a time in one transaction with the cursor, so a pull
 * that dies leaves the last whole page applied and nothing half-written.
 *
 * Seed quotes are not shared: every laptop has them from the same seed.
 */
import type Database from 'better-sqlite3';
import type { HubChange, HubQuote, HubSupplier } from '../hub/records';
import type { TeamCounts } from '../../../shared/contract/team';
import { AcceleratorRepo } from './accelerators';
import { TeamCatalogRepo } from './team-catalog';
import { TeamSharedRepo } from './team-shared';
import { TeamEvaluationRepo } from './team-evaluation';

export interface TeamHubRow {
  hubUrl: string;
  hubUser: string;
  role: string | null;
  cursor: number;
  connectedAt: string;
  lastSyncAt: string | null;
  lastResult: unknown;
}

export interface Applied {
  suppliers: number;
  quotes: number;
  retired: number;
  unplaced: number;
  /** Catalog field values taken from the hub, conflicts new or resolved, shared versions. */
  catalogEdits: number;
  conflicts: number;
  builds: number;
  bidSets: number;
}

/** The push form of a local quote (the hub's columns), from SQL. */
const QUOTE_OUT = `SELECT q.gid, sup.gid AS supplier_gid, q.kind, coalesce(a.slug, '') AS item, coalesce(s.slug, '') AS server_item,
    coalesce(c.slug, '') AS card_item, q.platform, q.cards_per_server, q.quote_number, q.quote_date, q.price_minor, q.currency,
    q.vat_included, q.vat_rate, q.moq, q.lead_time_weeks, q.valid_until, q.source_title, q.source_url, q.as_of, q.estimate,
    q.source_note, q.origin, q.created_at, CASE WHEN p.origin = 'seed' THEN NULL ELSE p.gid END AS supersedes_gid,
    q.retired_at, q.retired_by, q.retired_reason
  FROM quote q JOIN supplier sup ON sup.id = q.supplier_id
  LEFT JOIN accelerator a ON a.id = q.accelerator_id LEFT JOIN server s ON s.id = q.server_id
  LEFT JOIN accelerator c ON c.id = q.card_accelerator_id LEFT JOIN quote p ON p.id = q.supersedes_id
  WHERE q.origin <> 'seed'`;

type QuoteOutRow = Omit<HubQuote, 'vat_included' | 'estimate'> & { vat_included: number; estimate: number };
const toHubQuote = (r: QuoteOutRow): HubQuote => ({ ...r, vat_included: r.vat_included === 1, estimate: r.estimate === 1 });

export class TeamRepo {
  private readonly s;
  /** Catalog merges and shared builds and bid sets (their own tables), applied in the same pull pages. */
  readonly catalog: TeamCatalogRepo;
  readonly shared: TeamSharedRepo;
  /** Committee evaluations: one's own scores and submissions, and what the hub shows of others'. */
  readonly evaluations: TeamEvaluationRepo;

  constructor(private readonly db: Database.Database) {
    this.catalog = new TeamCatalogRepo(db, new AcceleratorRepo(db));
    this.shared = new TeamSharedRepo(db);
    this.evaluations = new TeamEvaluationRepo(db);
    this.s = {
      hub: db.prepare('SELECT * FROM team_hub WHERE id = 1'),
      setHub: db.prepare(
        `INSERT INTO team_hub (id, hub_url, hub_user, role, cursor, connected_at) VALUES (1, ?, ?, ?, 0, ?)
         ON CONFLICT(id) DO UPDATE SET hub_url = excluded.hub_url, hub_user = excluded.hub_user, role = excluded.role,
           connected_at = excluded.connected_at`,
      ),
      resetShared: [
        db.prepare('UPDATE supplier SET hub_change = NULL'),
        db.prepare('UPDATE quote SET hub_change = NULL, retire_shared = 0'),
        db.prepare('UPDATE team_hub SET cursor = 0, last_sync_at = NULL, last_result = NULL'),
        db.prepare('DELETE FROM team_unplaced'),
        // another hub: its field values and conflicts are not these; one's own shared versions go there anew
        db.prepare('DELETE FROM team_resolution'),
        db.prepare('DELETE FROM team_conflict'),
        db.prepare('DELETE FROM team_catalog_field'),
        db.prepare('DELETE FROM team_shared_version WHERE doc_gid NOT IN (SELECT doc_gid FROM team_share)'),
        db.prepare('UPDATE team_shared_version SET hub_change = NULL, version = NULL, author = NULL, pushed_at = NULL'),
        db.prepare('UPDATE team_share SET doc_shared = 0'),
        // another hub's evaluations are not this one's
        db.prepare('DELETE FROM team_evaluation'),
      ],
      setRole: db.prepare('UPDATE team_hub SET role = ? WHERE id = 1'),
      setCursor: db.prepare('UPDATE team_hub SET cursor = ? WHERE id = 1 AND cursor < ?'),
      finish: db.prepare('UPDATE team_hub SET last_sync_at = ?, last_result = ? WHERE id = 1'),
      pendingQuotes: db.prepare(`${QUOTE_OUT} AND q.hub_change IS NULL ORDER BY q.id LIMIT ?`),
      pendingQuoteCount: db.prepare(`SELECT count(*) FROM quote WHERE origin <> 'seed' AND hub_change IS NULL`).pluck(),
      pendingRetires: db.prepare(
        `SELECT gid, retired_at, retired_by, retired_reason FROM quote
          WHERE hub_change IS NOT NULL AND status = 'retired' AND retire_shared = 0 AND origin <> 'seed' ORDER BY id`,
      ),
      pendingSuppliers: db.prepare(
        `SELECT gid, name, contact, notes, created_at FROM supplier sup WHERE hub_change IS NULL
            AND (EXISTS (SELECT 1 FROM quote q WHERE q.supplier_id = sup.id AND q.origin <> 'seed' AND q.hub_change IS NULL)
                 OR NOT EXISTS (SELECT 1 FROM quote q WHERE q.supplier_id = sup.id))
          ORDER BY id`,
      ),
      supplierByName: db.prepare('SELECT id, gid, hub_change FROM supplier WHERE name = ? COLLATE NOCASE'),
      supplierByGid: db.prepare('SELECT id, hub_change FROM supplier WHERE gid = ?'),
      adoptSupplier: db.prepare('UPDATE supplier SET gid = ?, hub_change = ? WHERE id = ?'),
      insertSupplier: db.prepare('INSERT INTO supplier (gid, name, contact, notes, created_at, hub_change) VALUES (?, ?, ?, ?, ?, ?)'),
      markQuote: db.prepare('UPDATE quote SET hub_change = ?, retire_shared = ? WHERE gid = ?'),
      markRetire: db.prepare('UPDATE quote SET hub_change = ?, retire_shared = 1 WHERE gid = ?'),
      quoteByGid: db.prepare('SELECT id, status, retire_shared FROM quote WHERE gid = ?'),
      retireFromHub: db.prepare(
        `UPDATE quote SET status = 'retired', retired_at = ?, retired_by = ?, retired_reason = ?, retire_shared = 1, hub_change = ? WHERE id = ?`,
      ),
      insertQuote: db.prepare(
        `INSERT INTO quote (gid, accelerator_id, server_id, kind, supplier, supplier_id, quote_number, quote_date, price_minor, currency,
           vat_included, vat_rate, cards_per_server, card_accelerator_id, platform, moq, lead_time_weeks, valid_until,
           source_title, source_url, as_of, estimate, source_note, origin, created_at, status, supersedes_id,
           retired_at, retired_by, retired_reason, hub_change, retire_shared)
         VALUES (@gid, @accelerator_id, @server_id, @kind, @supplier, @supplier_id, @quote_number, @quote_date, @price_minor, @currency,
           @vat_included, @vat_rate, @cards_per_server, @card_accelerator_id, @platform, @moq, @lead_time_weeks, @valid_until,
           @source_title, @source_url, @as_of, @estimate, @source_note, @origin, @created_at, @status, @supersedes_id,
           @retired_at, @retired_by, @retired_reason, @hub_change, @retire_shared)`,
      ),
      markSuperseded: db.prepare(`UPDATE quote SET status = 'superseded' WHERE id = ? AND status = 'current'`),
      acceleratorId: db.prepare('SELECT id FROM accelerator WHERE slug = ?').pluck(),
      serverId: db.prepare('SELECT id FROM server WHERE slug = ?').pluck(),
      supplierName: db.prepare('SELECT name FROM supplier WHERE id = ?').pluck(),
      unplaced: db.prepare('INSERT OR REPLACE INTO team_unplaced (gid, kind, change_no, body, reason) VALUES (?, ?, ?, ?, ?)'),
      unplacedCount: db.prepare('SELECT count(*) FROM team_unplaced').pluck(),
      sharedQuotes: db.prepare(QUOTE_OUT),
      sharedSuppliers: db.prepare('SELECT gid, name, contact, notes, created_at FROM supplier WHERE hub_change IS NOT NULL'),
    };
  }

  hub(): TeamHubRow | undefined {
    const r = this.s.hub.get() as
      | { hub_url: string; hub_user: string; role: string | null; cursor: number; connected_at: string; last_sync_at: string | null; last_result: string | null }
      | undefined;
    if (!r) return undefined;
    return {
      hubUrl: r.hub_url,
      hubUser: r.hub_user,
      role: r.role,
      cursor: r.cursor,
      connectedAt: r.connected_at,
      lastSyncAt: r.last_sync_at,
      lastResult: r.last_result === null ? null : (JSON.parse(r.last_result) as unknown),
    };
  }

  /**
   * Connect to a hub. Another hub than before (URL or user) starts over: nothing of this laptop
   * is known there yet, and the cursor is that hub's.
   */
  connect(hubUrl: string, hubUser: string, role: string | null, at: string): { reset: boolean } {
    return this.db.transaction(() => {
      const before = this.hub();
      const reset = !!before && (before.hubUrl !== hubUrl || before.hubUser !== hubUser);
      this.s.setHub.run(hubUrl, hubUser, role, at);
      if (reset) for (const st of this.s.resetShared) st.run();
      return { reset };
    })();
  }

  setRole(role: string): void {
    this.s.setRole.run(role);
  }

  finish(at: string, result: unknown): void {
    this.s.finish.run(at, JSON.stringify(result));
  }

  pendingSuppliers(): HubSupplier[] {
    return this.s.pendingSuppliers.all() as HubSupplier[];
  }

  pendingQuotes(limit: number): HubQuote[] {
    return (this.s.pendingQuotes.all(limit) as QuoteOutRow[]).map(toHubQuote);
  }

  pendingCounts(): TeamCounts {
    return {
      suppliers: this.pendingSuppliers().length,
      quotes: this.s.pendingQuoteCount.get() as number,
      retirements: this.s.pendingRetires.all().length,
      catalogEdits: this.catalog.pendingEditCount(),
      resolutions: this.catalog.pendingResolutions().length,
      ...this.shared.pendingCounts(),
    };
  }

  pendingRetires(): Pick<HubQuote, 'gid' | 'retired_at' | 'retired_by' | 'retired_reason'>[] {
    return this.s.pendingRetires.all() as Pick<HubQuote, 'gid' | 'retired_at' | 'retired_by' | 'retired_reason'>[];
  }

  /** The hub took these suppliers (by name): take its gid where it already had the supplier. */
  markSuppliers(stamped: { name: string; gid: string; change_no: number }[]): void {
    this.db.transaction(() => {
      for (const x of stamped) {
        const local = this.s.supplierByName.get(x.name) as { id: number } | undefined;
        if (local) this.s.adoptSupplier.run(x.gid, x.change_no, local.id);
      }
    })();
  }

  markQuotes(stamped: { gid: string; change_no: number; retired: boolean }[]): void {
    this.db.transaction(() => {
      for (const x of stamped) this.s.markQuote.run(x.change_no, x.retired ? 1 : 0, x.gid);
    })();
  }

  markRetires(stamped: { gid: string; change_no: number }[]): void {
    this.db.transaction(() => {
      for (const x of stamped) this.s.markRetire.run(x.change_no, x.gid);
    })();
  }

  /** Apply one page of the hub's changes and move the cursor to its last change, all or nothing. */
  applyChanges(changes: HubChange[]): Applied {
    const n: Applied = { suppliers: 0, quotes: 0, retired: 0, unplaced: 0, catalogEdits: 0, conflicts: 0, builds: 0, bidSets: 0 };
    if (changes.length === 0) return n;
    this.db.transaction(() => {
      for (const ch of changes) {
        if (ch.kind === 'supplier') n.suppliers += this.applySupplier(ch.row, ch.change_no);
        else if (ch.kind === 'catalog_field') {
          if (this.catalog.applyField(ch.row, ch.change_no) === 'unplaced') n.unplaced++;
          else n.catalogEdits++;
        } else if (ch.kind === 'catalog_conflict') {
          this.catalog.applyConflict(ch.row, ch.change_no);
          n.conflicts++;
        } else if (ch.kind === 'shared_version') n[this.shared.applyVersion(ch.row, ch.change_no) === 'build' ? 'builds' : 'bidSets']++;
        else {
          const r = this.applyQuote(ch.row, ch.change_no);
          if (r === 'new') n.quotes++;
          else if (r === 'retired') n.retired++;
          else if (r === 'unplaced') n.unplaced++;
        }
      }
      const last = changes[changes.length - 1]!.change_no;
      this.s.setCursor.run(last, last);
    })();
    return n;
  }

  private applySupplier(row: HubSupplier, change: number): number {
    const mine = this.s.supplierByGid.get(row.gid) as { id: number } | undefined;
    if (mine) {
      this.s.adoptSupplier.run(row.gid, change, mine.id);
      return 0;
    }
    const same = this.s.supplierByName.get(row.name) as { id: number; hub_change: number | null } | undefined;
    if (same) {
      // the same supplier typed on two laptops: this one takes the hub's id
      this.s.adoptSupplier.run(row.gid, change, same.id);
      return 0;
    }
    this.s.insertSupplier.run(row.gid, row.name, row.contact, row.notes, row.created_at, change);
    return 1;
  }

  private applyQuote(row: HubQuote, change: number): 'new' | 'retired' | 'known' | 'unplaced' {
    const mine = this.s.quoteByGid.get(row.gid) as { id: number; status: string; retire_shared: number } | undefined;
    if (mine) {
      // the hub's retirement stands, also over one made here that the hub refused
      if (row.retired_at !== null && (mine.status !== 'retired' || mine.retire_shared === 0)) {
        this.s.retireFromHub.run(row.retired_at, row.retired_by, row.retired_reason, change, mine.id);
        return 'retired';
      }
      this.s.markQuote.run(change, row.retired_at !== null ? 1 : 0, row.gid);
      return 'known';
    }
    const supplier = this.s.supplierByGid.get(row.supplier_gid) as { id: number } | undefined;
    const idOf = (slug: string, st: Database.Statement) => (slug === '' ? null : ((st.get(slug) as number | undefined) ?? undefined));
    const acc = idOf(row.item, this.s.acceleratorId);
    const server = idOf(row.server_item, this.s.serverId);
    const card = idOf(row.card_item, this.s.acceleratorId);
    const missing = [acc === undefined && row.item, server === undefined && row.server_item, card === undefined && row.card_item].filter(Boolean);
    if (!supplier || missing.length > 0) {
      const reason = !supplier ? `supplier ${row.supplier_gid} is not known here` : `not in this catalog: ${missing.join(', ')}`;
      this.s.unplaced.run(row.gid, 'quote', change, JSON.stringify(row), reason);
      return 'unplaced';
    }
    const supersedes = row.supersedes_gid ? (this.s.quoteByGid.get(row.supersedes_gid) as { id: number } | undefined) : undefined;
    this.s.insertQuote.run({
      ...row,
      accelerator_id: acc ?? null,
      server_id: server ?? null,
      card_accelerator_id: card ?? null,
      supplier: this.s.supplierName.get(supplier.id) as string,
      supplier_id: supplier.id,
      vat_included: row.vat_included ? 1 : 0,
      estimate: row.estimate ? 1 : 0,
      status: row.retired_at !== null ? 'retired' : 'current',
      supersedes_id: supersedes?.id ?? null,
      hub_change: change,
      retire_shared: row.retired_at !== null ? 1 : 0,
    });
    if (supersedes) this.s.markSuperseded.run(supersedes.id);
    return 'new';
  }

  unplacedCount(): number {
    return this.s.unplacedCount.get() as number;
  }

  /** What this laptop shares (for the equality check of a sync): non-seed quotes and shared suppliers. */
  sharedQuotes(): HubQuote[] {
    return (this.s.sharedQuotes.all() as QuoteOutRow[]).map(toHubQuote);
  }

  sharedSuppliers(): HubSupplier[] {
    return this.s.sharedSuppliers.all() as HubSupplier[];
  }
}
