/** Accelerator repository: rows ↔ the shared Accelerator shape, with per-figure sources. */
import type Database from 'better-sqlite3';
import { acceleratorSchema, type Accelerator } from '../../../shared/domain/accelerator';
import type { Source } from '../../../shared/domain/source';

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

interface SourceRow {
  accelerator_id: number;
  figure: string;
  source_title: string;
  source_url: string;
  as_of: string;
  estimate: number;
  source_note: string;
}

export interface StoredAccelerator extends Accelerator {
  id: number;
  origin: 'seed' | 'user' | 'import';
  userEdited: boolean;
  updatedAt: string;
}

function rowToSource(r: SourceRow): Source {
  return { title: r.source_title, url: r.source_url, asOf: r.as_of, estimate: r.estimate === 1, note: r.source_note };
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
    origin: r.origin as StoredAccelerator['origin'],
    userEdited: r.user_edited === 1,
    updatedAt: r.updated_at,
  };
}

const SELECT = `SELECT a.*, v.name AS vendor FROM accelerator a JOIN vendor v ON v.id = a.vendor_id`;

export class AcceleratorRepo {
  constructor(private readonly db: Database.Database) {}

  private sourcesFor(ids: number[]): Map<number, Record<string, Source>> {
    const out = new Map<number, Record<string, Source>>();
    if (ids.length === 0) return out;
    const rows = this.db.prepare('SELECT * FROM figure_source').all() as SourceRow[];
    const wanted = new Set(ids);
    for (const r of rows) {
      if (!wanted.has(r.accelerator_id)) continue;
      const rec = out.get(r.accelerator_id) ?? {};
      rec[r.figure] = rowToSource(r);
      out.set(r.accelerator_id, rec);
    }
    return out;
  }

  list(): StoredAccelerator[] {
    const rows = this.db.prepare(`${SELECT} ORDER BY v.name, a.model`).all() as AcceleratorRow[];
    const sources = this.sourcesFor(rows.map((r) => r.id));
    return rows.map((r) => rowToAccelerator(r, sources.get(r.id) ?? {}));
  }

  get(slug: string): StoredAccelerator | undefined {
    const row = this.db.prepare(`${SELECT} WHERE a.slug = ?`).get(slug) as AcceleratorRow | undefined;
    if (!row) return undefined;
    return rowToAccelerator(row, this.sourcesFor([row.id]).get(row.id) ?? {});
  }

  idOf(slug: string): number | undefined {
    return (this.db.prepare('SELECT id FROM accelerator WHERE slug = ?').get(slug) as { id: number } | undefined)?.id;
  }

  private vendorId(name: string, country: string): number {
    const found = this.db.prepare('SELECT id FROM vendor WHERE name = ?').get(name) as { id: number } | undefined;
    if (found) return found.id;
    return Number(this.db.prepare('INSERT INTO vendor (name, country) VALUES (?, ?)').run(name, country).lastInsertRowid);
  }

  /** Insert or replace one part and its sources (caller wraps in a transaction). */
  upsert(
    acc: Accelerator,
    meta: { origin: 'seed' | 'user' | 'import'; userEdited: boolean; seedVersion?: number },
  ): number {
    const vendorId = this.vendorId(acc.vendor, acc.domestic ? 'CN' : '');
    const params = {
      slug: acc.slug,
      vendor_id: vendorId,
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
    };
    const cols = Object.keys(params);
    const existing = this.idOf(acc.slug);
    let id: number;
    if (existing === undefined) {
      id = Number(
        this.db
          .prepare(`INSERT INTO accelerator (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
          .run(params).lastInsertRowid,
      );
    } else {
      const sets = cols.filter((c) => c !== 'slug' && c !== 'origin').map((c) => `${c} = @${c}`);
      this.db.prepare(`UPDATE accelerator SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id: existing });
      id = existing;
    }
    this.db.prepare('DELETE FROM figure_source WHERE accelerator_id = ?').run(id);
    const ins = this.db.prepare(
      `INSERT INTO figure_source (accelerator_id, figure, source_title, source_url, as_of, estimate, source_note)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [figure, s] of Object.entries(acc.sources)) {
      ins.run(id, figure, s.title, s.url, s.asOf, s.estimate ? 1 : 0, s.note);
    }
    return id;
  }

  vendors(): { name: string; nameZh: string; country: string; parts: number }[] {
    return this.db
      .prepare(
        `SELECT v.name, v.name_zh AS nameZh, v.country, count(a.id) AS parts
         FROM vendor v LEFT JOIN accelerator a ON a.vendor_id = v.id GROUP BY v.id ORDER BY v.name`,
      )
      .all() as { name: string; nameZh: string; country: string; parts: number }[];
  }

  upsertVendor(v: { name: string; nameZh: string; country: string; notes: string }): void {
    this.db
      .prepare(
        `INSERT INTO vendor (name, name_zh, country, notes) VALUES (@name, @nameZh, @country, @notes)
         ON CONFLICT(name) DO UPDATE SET name_zh = excluded.name_zh, country = excluded.country, notes = excluded.notes`,
      )
      .run(v);
  }
}
