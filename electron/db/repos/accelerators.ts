/** Accelerator repository: rows ↔ the shared Accelerator shape, with per-figure sources. */
import type Database from 'better-sqlite3';
import { acceleratorSchema, type Accelerator } from '../../../shared/domain/accelerator';
import type { Source } from '../../../shared/domain/source';
import type { CatalogRow } from '../../../shared/contract/catalog';
import { sourceFromRow, upsertBySlug, type Origin, type SourceCols } from './source';

interface AcceleratorRow {
  id: number;
  slug: string;
  vendor: string;
  model: string;
  generation: string;
  aliases: string;
  domestic: number;
  memory_gb: number;
  memory_type: string;
  memory_bw_tbps: number;
  tflops_fp16: number | null;
  tflops_bf16: number | null;
  tflops_fp8: number | null;
  tflops_int8: number | null;
  tflops_fp4: number | null;
  tdp_w: number;
  idle_w: number;
  scale_up_link: string;
  scale_up_gbps: number;
  scale_out_gbps: number;
  form_factor: string;
  software_stack: string;
  release_year: number;
  export_cn: string;
  export_other: string;
  foundry: string;
  hbm_supply: string;
  software_maturity: number;
  mbu: number;
  mfu: number;
  notes: string;
  origin: string;
  user_edited: number;
  updated_at: string;
}

interface SourceRow extends SourceCols {
  accelerator_id: number;
  figure: string;
}

export interface StoredAccelerator extends Accelerator {
  id: number;
  origin: Origin;
  userEdited: boolean;
  updatedAt: string;
}

function optional(v: number | null): number | undefined {
  return v === null ? undefined : v;
}

function rowToAccelerator(r: AcceleratorRow, sources: Record<string, Source>): StoredAccelerator {
  const acc = acceleratorSchema.parse({
    slug: r.slug,
    vendor: r.vendor,
    model: r.model,
    generation: r.generation,
    aliases: JSON.parse(r.aliases) as string[],
    domestic: r.domestic === 1,
    memoryGB: r.memory_gb,
    memoryType: r.memory_type,
    memoryBandwidthTBps: r.memory_bw_tbps,
    tflops: {
      fp16: optional(r.tflops_fp16),
      bf16: optional(r.tflops_bf16),
      fp8: optional(r.tflops_fp8),
      int8: optional(r.tflops_int8),
      fp4: optional(r.tflops_fp4),
    },
    tdpW: r.tdp_w,
    idleW: r.idle_w,
    scaleUpLink: r.scale_up_link,
    scaleUpGBps: r.scale_up_gbps,
    scaleOutGBps: r.scale_out_gbps,
    formFactor: r.form_factor,
    softwareStack: r.software_stack,
    releaseYear: r.release_year,
    exportControl: { CN: r.export_cn, other: r.export_other },
    foundry: r.foundry,
    hbmSupply: r.hbm_supply,
    softwareMaturity: r.software_maturity,
    mbu: r.mbu,
    mfu: r.mfu,
    sources,
    notes: r.notes,
  });
  return {
    ...acc,
    id: r.id,
    origin: r.origin as Origin,
    userEdited: r.user_edited === 1,
    updatedAt: r.updated_at,
  };
}

const SELECT = `SELECT a.*, v.name AS vendor FROM accelerator a JOIN vendor v ON v.id = a.vendor_id`;

const COLS = [
  'slug', 'vendor_id', 'model', 'generation', 'aliases', 'domestic', 'memory_gb', 'memory_type', 'memory_bw_tbps',
  'tflops_fp16', 'tflops_bf16', 'tflops_fp8', 'tflops_int8', 'tflops_fp4', 'tdp_w', 'idle_w', 'scale_up_link',
  'scale_up_gbps', 'scale_out_gbps', 'form_factor', 'software_stack', 'release_year', 'export_cn', 'export_other',
  'foundry', 'hbm_supply', 'software_maturity', 'mbu', 'mfu', 'notes', 'origin', 'seed_version', 'user_edited', 'updated_at',
] as const;

type VendorSummary = { name: string; nameZh: string; country: string; parts: number };

/** Parts, their per-figure sources and their vendors (tables accelerator, figure_source, vendor). */
export class AcceleratorRepo {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      list: db.prepare(`${SELECT} ORDER BY v.name, a.model`),
      // the catalog table's columns only, as arrays (no per-row objects from the driver)
      rows: db
        .prepare(
          `SELECT a.slug, v.name, a.model, a.generation, a.aliases, a.domestic, a.memory_gb, a.memory_type, a.memory_bw_tbps,
                  a.tflops_fp16, a.tflops_bf16, a.tflops_fp8, a.tflops_int8, a.tdp_w, a.scale_up_gbps, a.form_factor,
                  a.software_stack, a.release_year, a.export_cn, a.user_edited
           FROM accelerator a JOIN vendor v ON v.id = a.vendor_id ORDER BY v.name, a.model`,
        )
        .raw(),
      get: db.prepare(`${SELECT} WHERE a.slug = ?`),
      idOf: db.prepare('SELECT id FROM accelerator WHERE slug = ?').pluck(),
      provenance: db.prepare('SELECT origin, user_edited FROM accelerator WHERE slug = ?'),
      sources: db.prepare('SELECT * FROM figure_source'),
      sourcesOf: db.prepare('SELECT * FROM figure_source WHERE accelerator_id = ?'),
      upsert: db.prepare(upsertBySlug('accelerator', COLS)).pluck(),
      deleteSources: db.prepare('DELETE FROM figure_source WHERE accelerator_id = ?'),
      insertSource: db.prepare(
        `INSERT INTO figure_source (accelerator_id, figure, source_title, source_url, as_of, estimate, source_note)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      vendorId: db.prepare('SELECT id FROM vendor WHERE name = ?').pluck(),
      insertVendor: db.prepare('INSERT INTO vendor (name, country) VALUES (?, ?)'),
      vendors: db.prepare(
        `SELECT v.name, v.name_zh AS nameZh, v.country, count(a.id) AS parts
         FROM vendor v LEFT JOIN accelerator a ON a.vendor_id = v.id GROUP BY v.id ORDER BY v.name`,
      ),
      upsertVendor: db.prepare(
        `INSERT INTO vendor (name, name_zh, country, notes) VALUES (@name, @nameZh, @country, @notes)
         ON CONFLICT(name) DO UPDATE SET name_zh = excluded.name_zh, country = excluded.country, notes = excluded.notes`,
      ),
      counts: db.prepare(
        `SELECT (SELECT count(*) FROM accelerator) AS accelerators,
                (SELECT count(DISTINCT vendor_id) FROM accelerator) AS vendors,
                (SELECT count(*) FROM figure_source WHERE estimate = 1) AS estimates`,
      ),
    };
  }

  private sourcesBy(rows: SourceRow[]): Map<number, Record<string, Source>> {
    const out = new Map<number, Record<string, Source>>();
    for (const r of rows) {
      const rec = out.get(r.accelerator_id) ?? {};
      rec[r.figure] = sourceFromRow(r);
      out.set(r.accelerator_id, rec);
    }
    return out;
  }

  list(): StoredAccelerator[] {
    const rows = this.stmts.list.all() as AcceleratorRow[];
    if (rows.length === 0) return [];
    const sources = this.sourcesBy(this.stmts.sources.all() as SourceRow[]);
    return rows.map((r) => rowToAccelerator(r, sources.get(r.id) ?? {}));
  }

  /**
   * Every part as the catalog table shows it (CatalogRow, without its price), in `list`'s order:
   * read straight from the columns, without the sources and the whole-part validation `list`
   * does, which at 10,000 parts cost seconds. The rows were validated when they were written.
   */
  rows(): CatalogRow[] {
    return (this.stmts.rows.all() as unknown[][]).map((r) => {
      const tflops: CatalogRow['tflops'] = {};
      if (r[9] !== null) tflops.fp16 = r[9] as number;
      if (r[10] !== null) tflops.bf16 = r[10] as number;
      if (r[11] !== null) tflops.fp8 = r[11] as number;
      if (r[12] !== null) tflops.int8 = r[12] as number;
      return {
        slug: r[0] as string,
        vendor: r[1] as string,
        model: r[2] as string,
        generation: r[3] as string,
        aliases: JSON.parse(r[4] as string) as string[],
        domestic: r[5] === 1,
        memoryGB: r[6] as number,
        memoryType: r[7] as string,
        memoryBandwidthTBps: r[8] as number,
        tflops,
        tdpW: r[13] as number,
        scaleUpGBps: r[14] as number,
        formFactor: r[15] as string,
        softwareStack: r[16] as string,
        releaseYear: r[17] as number,
        exportCN: r[18] as CatalogRow['exportCN'],
        userEdited: r[19] === 1,
      };
    });
  }

  get(slug: string): StoredAccelerator | undefined {
    const row = this.stmts.get.get(slug) as AcceleratorRow | undefined;
    if (!row) return undefined;
    return rowToAccelerator(row, this.sourcesBy(this.stmts.sourcesOf.all(row.id) as SourceRow[]).get(row.id) ?? {});
  }

  idOf(slug: string): number | undefined {
    return this.stmts.idOf.get(slug) as number | undefined;
  }

  /** Who wrote the part and whether the user edited it (undefined: no such part); the seed asks. */
  provenance(slug: string): { origin: Origin; userEdited: boolean } | undefined {
    const r = this.stmts.provenance.get(slug) as { origin: Origin; user_edited: number } | undefined;
    return r && { origin: r.origin, userEdited: r.user_edited === 1 };
  }

  /** Parts, vendors with parts, and figures marked as estimates. */
  counts(): { accelerators: number; vendors: number; estimates: number } {
    return this.stmts.counts.get() as { accelerators: number; vendors: number; estimates: number };
  }

  private vendorId(name: string, country: string): number {
    const found = this.stmts.vendorId.get(name) as number | undefined;
    if (found !== undefined) return found;
    return Number(this.stmts.insertVendor.run(name, country).lastInsertRowid);
  }

  /** Insert, or update all but slug and origin, one part and replace its sources, in one transaction; its id. */
  upsert(acc: Accelerator, meta: { origin: Origin; userEdited: boolean; seedVersion?: number }): number {
    return this.db.transaction(() => {
      const id = this.stmts.upsert.get({
        slug: acc.slug,
        vendor_id: this.vendorId(acc.vendor, acc.domestic ? 'CN' : ''),
        model: acc.model,
        generation: acc.generation,
        aliases: JSON.stringify(acc.aliases),
        domestic: acc.domestic ? 1 : 0,
        memory_gb: acc.memoryGB,
        memory_type: acc.memoryType,
        memory_bw_tbps: acc.memoryBandwidthTBps,
        tflops_fp16: acc.tflops.fp16 ?? null,
        tflops_bf16: acc.tflops.bf16 ?? null,
        tflops_fp8: acc.tflops.fp8 ?? null,
        tflops_int8: acc.tflops.int8 ?? null,
        tflops_fp4: acc.tflops.fp4 ?? null,
        tdp_w: acc.tdpW,
        idle_w: acc.idleW,
        scale_up_link: acc.scaleUpLink,
        scale_up_gbps: acc.scaleUpGBps,
        scale_out_gbps: acc.scaleOutGBps,
        form_factor: acc.formFactor,
        software_stack: acc.softwareStack,
        release_year: acc.releaseYear,
        export_cn: acc.exportControl.CN,
        export_other: acc.exportControl.other,
        foundry: acc.foundry,
        hbm_supply: acc.hbmSupply,
        software_maturity: acc.softwareMaturity,
        mbu: acc.mbu,
        mfu: acc.mfu,
        notes: acc.notes,
        origin: meta.origin,
        seed_version: meta.seedVersion ?? null,
        user_edited: meta.userEdited ? 1 : 0,
        updated_at: new Date().toISOString(),
      }) as number;
      this.stmts.deleteSources.run(id);
      for (const [figure, s] of Object.entries(acc.sources)) {
        this.stmts.insertSource.run(id, figure, s.title, s.url, s.asOf, s.estimate ? 1 : 0, s.note);
      }
      return id;
    })();
  }

  vendors(): VendorSummary[] {
    return this.stmts.vendors.all() as VendorSummary[];
  }

  upsertVendor(v: { name: string; nameZh: string; country: string; notes: string }): void {
    this.stmts.upsertVendor.run(v);
  }
}
