/**
 * The local side of catalog merges (tables catalog_edit, team_catalog_field, team_conflict,
 * team_resolution): a figure edit made here is recorded field by field until a sync pushes it,
 * with the field's hub change number last seen as its base; what the hub holds per field is
 * applied to this catalog (except a field with an edit here still waiting to be shared: the
 * user's own value stays until the hub takes it); the hub's conflicts are mirrored, and a
 * keeper's confirm or reverse waits here for the next sync.
 */
import type Database from 'better-sqlite3';
import { translatedError } from '../../../shared/contract/result';
import type { CatalogConflictView, FigureSourceView } from '../../../shared/contract/team-merge';
import { isTeamField, withField, type FieldChange, type FieldValue } from '../../../shared/domain/catalog-fields';
import type { Source } from '../../../shared/domain/source';
import { uuid7Sql } from '../migrations/0003-team-sync';
import type { HubCatalogEdit, HubCatalogField, HubConflict, HubResolution } from '../hub/records';
import type { AcceleratorRepo } from './accelerators';

interface ConflictRow {
  gid: string;
  part: string;
  field: string;
  earlier_set_by: string;
  earlier_value: string | null;
  earlier_source: string;
  earlier_author: string;
  earlier_edited_at: string;
  earlier_pushed_at: string;
  later_value: string | null;
  later_source: string;
  later_author: string;
  later_edited_at: string;
  later_pushed_at: string;
  status: CatalogConflictView['status'];
  resolved_by: string | null;
  resolved_at: string | null;
  pending: 'confirm' | 'reverse' | null;
}

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));
const asSource = (v: unknown): FigureSourceView => {
  const s = (v ?? {}) as Partial<FigureSourceView>;
  return { title: String(s.title ?? ''), url: String(s.url ?? ''), asOf: String(s.asOf ?? ''), estimate: s.estimate === true, note: String(s.note ?? '') };
};

export class TeamCatalogRepo {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly accelerators: AcceleratorRepo,
  ) {
    this.s = {
      recordEdit: db.prepare(
        `INSERT INTO catalog_edit (gid, part, field, value, source, edited_at) VALUES (${uuid7Sql("'now'")}, @part, @field, @value, @source, @at)
         ON CONFLICT (part, field) WHERE hub_change IS NULL
         DO UPDATE SET gid = excluded.gid, value = excluded.value, source = excluded.source, edited_at = excluded.edited_at`,
      ),
      pendingEdits: db.prepare(
        `SELECT e.gid, e.part, e.field, e.value, e.source, e.edited_at, coalesce(f.change_no, 0) AS base_change
           FROM catalog_edit e LEFT JOIN team_catalog_field f ON f.part = e.part AND f.field = e.field
          WHERE e.hub_change IS NULL ORDER BY e.rowid LIMIT ?`,
      ),
      pendingEditCount: db.prepare('SELECT count(*) FROM catalog_edit WHERE hub_change IS NULL').pluck(),
      pendingOf: db.prepare('SELECT 1 FROM catalog_edit WHERE part = ? AND field = ? AND hub_change IS NULL').pluck(),
      markEdit: db.prepare('UPDATE catalog_edit SET hub_change = ? WHERE gid = ?'),
      upsertField: db.prepare(
        `INSERT INTO team_catalog_field (part, field, value, source, set_by, author, edited_at, pushed_at, change_no, placed)
         VALUES (@part, @field, @value, @source, @set_by, @author, @edited_at, @pushed_at, @change_no, @placed)
         ON CONFLICT (part, field) DO UPDATE SET value = excluded.value, source = excluded.source, set_by = excluded.set_by,
           author = excluded.author, edited_at = excluded.edited_at, pushed_at = excluded.pushed_at, change_no = excluded.change_no,
           placed = excluded.placed`,
      ),
      fields: db.prepare('SELECT part, field, value, source, set_by, author, edited_at, pushed_at, change_no FROM team_catalog_field'),
      upsertConflict: db.prepare(
        `INSERT OR REPLACE INTO team_conflict (gid, part, field, earlier_set_by, earlier_value, earlier_source, earlier_author, earlier_edited_at,
           earlier_pushed_at, later_value, later_source, later_author, later_edited_at, later_pushed_at, status, resolved_by, resolved_at, change_no)
         VALUES (@gid, @part, @field, @earlier_set_by, @earlier_value, @earlier_source, @earlier_author, @earlier_edited_at,
           @earlier_pushed_at, @later_value, @later_source, @later_author, @later_edited_at, @later_pushed_at, @status, @resolved_by, @resolved_at, @change_no)`,
      ),
      conflicts: db.prepare(
        `SELECT c.*, (SELECT r.decision FROM team_resolution r WHERE r.conflict_gid = c.gid AND r.hub_change IS NULL) AS pending
           FROM team_conflict c WHERE (? OR c.status = 'open') ORDER BY c.change_no`,
      ),
      conflict: db.prepare(
        `SELECT c.*, (SELECT r.decision FROM team_resolution r WHERE r.conflict_gid = c.gid AND r.hub_change IS NULL) AS pending
           FROM team_conflict c WHERE c.gid = ?`,
      ),
      openCount: db.prepare(`SELECT count(*) FROM team_conflict WHERE status = 'open'`).pluck(),
      resolve: db.prepare(
        `INSERT INTO team_resolution (gid, conflict_gid, decision, resolved_at) VALUES (${uuid7Sql("'now'")}, ?, ?, ?)
         ON CONFLICT (conflict_gid) WHERE hub_change IS NULL DO UPDATE SET gid = excluded.gid, decision = excluded.decision, resolved_at = excluded.resolved_at`,
      ),
      pendingResolutions: db.prepare('SELECT gid, conflict_gid, decision, resolved_at FROM team_resolution WHERE hub_change IS NULL ORDER BY rowid'),
      markResolution: db.prepare('UPDATE team_resolution SET hub_change = ? WHERE gid = ?'),
      hubConflicts: db.prepare('SELECT * FROM team_conflict'),
    };
  }

  /** A part's figures changed here (`catalog:save`): one pending edit per field, the last value of each. */
  recordEdits(part: string, changes: FieldChange[], at: string): void {
    this.db.transaction(() => {
      for (const c of changes) this.s.recordEdit.run({ part, field: c.field, value: json(c.value), source: JSON.stringify(c.source), at });
    })();
  }

  pendingEdits(limit: number): HubCatalogEdit[] {
    const rows = this.s.pendingEdits.all(limit) as { gid: string; part: string; field: string; value: string | null; source: string; edited_at: string; base_change: number }[];
    return rows.map((r) => ({ gid: r.gid, part: r.part, field: r.field, value: parse(r.value), source: parse(r.source), base_change: r.base_change, edited_at: r.edited_at }));
  }

  pendingEditCount(): number {
    return this.s.pendingEditCount.get() as number;
  }

  markEdits(stamped: { gid: string; change_no: number }[]): void {
    this.db.transaction(() => {
      for (const x of stamped) this.s.markEdit.run(x.change_no, x.gid);
    })();
  }

  /**
   * The hub's value of one field: kept as the field's base; set in this catalog unless the part
   * is not here, or an edit of the field waits here to be shared. Returns what it did.
   */
  applyField(row: HubCatalogField, change: number): 'applied' | 'kept' | 'unplaced' {
    const part = this.accelerators.get(row.part);
    let placed = part !== undefined;
    let outcome: 'applied' | 'kept' | 'unplaced' = placed ? 'applied' : 'unplaced';
    if (part && this.s.pendingOf.get(row.part, row.field)) outcome = 'kept';
    else if (part && isTeamField(row.field)) {
      const { id: _i, origin, userEdited: _e, updatedAt: _u, ...acc } = part;
      const next = withField(acc, row.field, row.value as FieldValue, asSource(row.source) as Source);
      // the team's figure is an edit: a later seed refresh keeps it, as it keeps one's own
      if (next) this.accelerators.upsert(next, { origin, userEdited: true });
      else {
        placed = false;
        outcome = 'unplaced';
      }
    }
    this.s.upsertField.run({
      part: row.part,
      field: row.field,
      value: json(row.value),
      source: JSON.stringify(row.source),
      set_by: row.set_by,
      author: row.author,
      edited_at: row.edited_at,
      pushed_at: row.pushed_at,
      change_no: change,
      placed: placed ? 1 : 0,
    });
    return outcome;
  }

  applyConflict(row: HubConflict, change: number): void {
    this.s.upsertConflict.run({
      ...row,
      earlier_value: json(row.earlier_value),
      earlier_source: JSON.stringify(row.earlier_source),
      later_value: json(row.later_value),
      later_source: JSON.stringify(row.later_source),
      resolved_by: row.resolved_by ?? null,
      resolved_at: row.resolved_at ?? null,
      change_no: change,
    });
  }

  /** The hub's field values as this laptop holds them (the equality check of a sync). */
  fields(): HubCatalogField[] {
    return (this.s.fields.all() as (Omit<HubCatalogField, 'value' | 'source'> & { value: string | null; source: string })[]).map((r) => ({
      ...r,
      value: parse(r.value),
      source: parse(r.source),
    }));
  }

  private view(r: ConflictRow, me: string | undefined): CatalogConflictView {
    const side = (p: 'earlier' | 'later') => ({
      value: parse(r[`${p}_value`]),
      source: asSource(parse(r[`${p}_source`])),
      author: r[`${p}_author`],
      editedAt: r[`${p}_edited_at`],
      pushedAt: r[`${p}_pushed_at`],
    });
    return {
      id: r.gid,
      part: r.part,
      field: r.field,
      earlier: side('earlier'),
      later: side('later'),
      status: r.status,
      resolvedBy: r.resolved_by,
      resolvedAt: r.resolved_at,
      pending: r.pending,
      mine: me === undefined ? null : r.later_author === me ? 'later' : r.earlier_author === me ? 'earlier' : null,
    };
  }

  conflicts(all: boolean, me: string | undefined): CatalogConflictView[] {
    return (this.s.conflicts.all(all ? 1 : 0) as ConflictRow[]).map((r) => this.view(r, me));
  }

  conflict(id: string, me: string | undefined): CatalogConflictView {
    const r = this.s.conflict.get(id) as ConflictRow | undefined;
    if (!r) throw translatedError('not-found', 'errors.teamRecords.noConflict', { id });
    return this.view(r, me);
  }

  openConflictCount(): number {
    return this.s.openCount.get() as number;
  }

  /** A keeper's decision, recorded here for the next sync (the hub decides whether the role may). */
  resolve(id: string, decision: 'confirm' | 'reverse', at: string, me: string | undefined): CatalogConflictView {
    const c = this.conflict(id, me);
    if (c.status !== 'open') throw translatedError('conflict', 'errors.teamRecords.alreadyResolved', { id, status: { key: `errors.teamRecords.status.${c.status}` }, by: c.resolvedBy ?? '?' });
    this.s.resolve.run(id, decision, at);
    return this.conflict(id, me);
  }

  pendingResolutions(): HubResolution[] {
    return this.s.pendingResolutions.all() as HubResolution[];
  }

  markResolutions(stamped: { gid: string; change_no: number }[]): void {
    this.db.transaction(() => {
      for (const x of stamped) this.s.markResolution.run(x.change_no, x.gid);
    })();
  }

  /** The hub's conflicts as this laptop holds them (the equality check of a sync). */
  hubConflicts(): HubConflict[] {
    return (this.s.hubConflicts.all() as ConflictRow[]).map(({ pending: _p, ...r }) => ({
      ...r,
      earlier_value: parse(r.earlier_value),
      earlier_source: parse(r.earlier_source),
      later_value: parse(r.later_value),
      later_source: parse(r.later_source),
    }));
  }
}
