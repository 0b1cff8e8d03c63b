import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { seedCatalogSchema, type SeedCatalog } from '../../shared/domain/catalog';
import { FIGURE_KEYS } from '../../shared/domain/accelerator';
import { matchByName } from '../../shared/domain/match';

const CATALOG_URL = new URL('../../assets/seed/catalog.json', import.meta.url);
const raw: unknown = JSON.parse(readFileSync(CATALOG_URL, 'utf8'));

const REQUIRED_SLUGS = [
  'ascend-910b',
  'ascend-910c',
  'ascend-310p',
  'mlu370-x8',
  'mlu590',
  'kunlunxin-p800',
  'hygon-k100-ai',
  'metax-c500',
  'mtt-s4000',
  'biren-br104',
  'nvidia-h100-sxm',
  'nvidia-h100-pcie',
  'nvidia-h800',
  'nvidia-h200',
  'nvidia-h20',
  'nvidia-a100-80gb',
  'nvidia-a800',
  'nvidia-l20',
  'nvidia-l40s',
  'nvidia-b200',
  'amd-mi300x',
  'amd-mi308x',
  'intel-gaudi-3',
];

function parsed(): SeedCatalog {
  return seedCatalogSchema.parse(raw);
}

describe('seed catalog (assets/seed/catalog.json)', () => {
  it('parses with seedCatalogSchema', () => {
    const result = seedCatalogSchema.safeParse(raw);
    if (!result.success) {
      throw new Error(JSON.stringify(result.error.issues.slice(0, 10), null, 2));
    }
    expect(result.data.version).toBe(1);
  });

  it('has at least 30 accelerators from at least 9 vendors', () => {
    const c = parsed();
    expect(c.accelerators.length).toBeGreaterThanOrEqual(30);
    expect(c.vendors.length).toBeGreaterThanOrEqual(9);
    expect(new Set(c.accelerators.map((a) => a.vendor)).size).toBeGreaterThanOrEqual(9);
  });

  it('has unique accelerator, server and site slugs, and unique vendor names', () => {
    const c = parsed();
    const accSlugs = c.accelerators.map((a) => a.slug);
    expect(new Set(accSlugs).size).toBe(accSlugs.length);
    const serverSlugs = c.servers.map((s) => s.slug);
    expect(new Set(serverSlugs).size).toBe(serverSlugs.length);
    // A server slug must not shadow an accelerator slug (quotes refer to either).
    for (const s of serverSlugs) expect(accSlugs).not.toContain(s);
    const siteSlugs = c.sites.map((s) => s.slug);
    expect(new Set(siteSlugs).size).toBe(siteSlugs.length);
    const vendorNames = c.vendors.map((v) => v.name);
    expect(new Set(vendorNames).size).toBe(vendorNames.length);
  });

  it("every accelerator's vendor exists in vendors", () => {
    const c = parsed();
    const names = new Set(c.vendors.map((v) => v.name));
    const missing = c.accelerators.filter((a) => !names.has(a.vendor)).map((a) => `${a.slug} → ${a.vendor}`);
    expect(missing).toEqual([]);
  });

  it('has every required part (by slug)', () => {
    const c = parsed();
    const slugs = new Set(c.accelerators.map((a) => a.slug));
    expect(REQUIRED_SLUGS.filter((s) => !slugs.has(s))).toEqual([]);
    // Enflame and Iluvatar CoreX are required vendors without a fixed slug.
    expect(c.accelerators.some((a) => a.vendor === 'Enflame')).toBe(true);
    expect(c.accelerators.some((a) => a.vendor === 'Iluvatar CoreX')).toBe(true);
  });

  it('every quote item refers to an existing accelerator or server', () => {
    const c = parsed();
    const acc = new Set(c.accelerators.map((a) => a.slug));
    const srv = new Set(c.servers.map((s) => s.slug));
    const bad: string[] = [];
    for (const q of c.quotes) {
      if (q.kind === 'purchase' || q.kind === 'rental-card-hour') {
        if (!acc.has(q.item)) bad.push(`${q.kind} ${q.item}`);
      } else {
        if (!srv.has(q.item)) bad.push(`server-purchase item ${q.item}`);
        if (!q.cardSlug || !acc.has(q.cardSlug)) bad.push(`server-purchase cardSlug ${String(q.cardSlug)}`);
        if (!q.cardsPerServer) bad.push(`server-purchase ${q.item} without cardsPerServer`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has at least 15 parts priced, rental quotes and two server-purchase quotes', () => {
    const c = parsed();
    const priced = new Set(c.quotes.filter((q) => q.kind === 'purchase').map((q) => q.item));
    expect(priced.size).toBeGreaterThanOrEqual(15);
    expect(c.quotes.filter((q) => q.kind === 'rental-card-hour').length).toBeGreaterThan(0);
    expect(c.quotes.filter((q) => q.kind === 'server-purchase').length).toBeGreaterThanOrEqual(2);
  });

  it('every server compatible slug exists', () => {
    const c = parsed();
    const acc = new Set(c.accelerators.map((a) => a.slug));
    const bad = c.servers.flatMap((s) => s.compatible.filter((slug) => !acc.has(slug)).map((slug) => `${s.slug} → ${slug}`));
    expect(bad).toEqual([]);
  });

  it('every source has a non-empty title', () => {
    const c = parsed();
    const sources = [
      ...c.accelerators.flatMap((a) => Object.entries(a.sources).map(([k, s]) => ({ where: `${a.slug}.${k}`, s }))),
      ...c.servers.map((s) => ({ where: `server ${s.slug}`, s: s.source })),
      ...c.quotes.map((q, i) => ({ where: `quote #${i} ${q.item}`, s: q.source })),
      ...c.sites.map((s) => ({ where: `site ${s.slug}`, s: s.source })),
      ...c.fx.map((f) => ({ where: `fx ${f.currency}`, s: f.source })),
    ];
    const bad = sources.filter(({ s }) => s.title.trim().length === 0).map(({ where }) => where);
    expect(bad).toEqual([]);
  });

  it('accelerator source keys are "default" or a known figure key', () => {
    const c = parsed();
    const allowed = new Set<string>(['default', ...FIGURE_KEYS]);
    const bad = c.accelerators.flatMap((a) => Object.keys(a.sources).filter((k) => !allowed.has(k)).map((k) => `${a.slug}.${k}`));
    expect(bad).toEqual([]);
  });

  it('idle draw is below TDP for every part', () => {
    const c = parsed();
    const bad = c.accelerators.filter((a) => !(a.idleW < a.tdpW)).map((a) => `${a.slug} ${a.idleW}/${a.tdpW}`);
    expect(bad).toEqual([]);
  });

  it('Chinese vendors are marked domestic and free for a CN buyer', () => {
    const c = parsed();
    const cn = new Set(c.vendors.filter((v) => v.country === 'CN').map((v) => v.name));
    for (const a of c.accelerators) {
      expect(a.domestic, a.slug).toBe(cn.has(a.vendor));
      if (a.domestic) expect(a.exportControl.CN, a.slug).toBe('free');
    }
  });

  it('key export-control statuses match the 2026 rules', () => {
    const c = parsed();
    const bySlug = new Map(c.accelerators.map((a) => [a.slug, a]));
    const cn = (slug: string) => bySlug.get(slug)?.exportControl.CN;
    expect(cn('nvidia-h100-sxm')).toBe('prohibited');
    expect(cn('nvidia-a100-80gb')).toBe('prohibited');
    expect(cn('nvidia-h800')).toBe('prohibited');
    expect(cn('nvidia-a800')).toBe('prohibited');
    expect(cn('nvidia-l40s')).toBe('prohibited');
    expect(cn('nvidia-h20')).toBe('licensed');
    expect(cn('nvidia-h200')).toBe('restricted');
    expect(cn('nvidia-b200')).toBe('prohibited');
    expect(cn('amd-mi308x')).toBe('licensed');
    expect(bySlug.get('ascend-910b')?.exportControl.other).toBe('restricted');
    expect(bySlug.get('ascend-910c')?.exportControl.other).toBe('restricted');
  });

  it('aliases carry the names price sheets use', () => {
    const c = parsed();
    const aliases = (slug: string) => c.accelerators.find((a) => a.slug === slug)?.aliases ?? [];
    expect(aliases('ascend-910b')).toContain('昇腾910B');
    expect(aliases('ascend-310p')).toContain('Atlas 300I Duo');
    expect(aliases('mlu590')).toContain('思元590');
    expect(aliases('kunlunxin-p800')).toContain('昆仑芯P800');
    expect(aliases('hygon-k100-ai')).toContain('海光K100-AI');
    expect(aliases('metax-c500')).toContain('曦云C500');
    expect(aliases('mtt-s4000')).toContain('MTT S4000');
    expect(aliases('biren-br104')).toContain('壁仞BR104');
    expect(aliases('nvidia-h100-sxm')).toContain('H100 80GB SXM5');
    expect(aliases('nvidia-h20')).toContain('H20 96GB');
  });

  it('every slug, model and alias resolves to its own part by name', () => {
    const c = parsed();
    const bad: string[] = [];
    for (const a of c.accelerators) {
      for (const name of [a.slug, a.model, ...a.aliases]) {
        const r = matchByName(c.accelerators, name);
        if (!r.ok || r.value.slug !== a.slug) bad.push(`${a.slug}: "${name}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has the four reference sites and FX for every non-CNY currency used', () => {
    const c = parsed();
    expect(c.sites.map((s) => s.slug).sort()).toEqual(['east-china', 'eu', 'us', 'west-china']);
    const used = new Set<string>([
      ...c.quotes.map((q) => q.currency),
      ...c.servers.map((s) => s.currency),
      ...c.sites.map((s) => s.currency),
    ]);
    used.delete('CNY');
    const fx = new Set<string>(c.fx.map((f) => f.currency));
    expect([...used].filter((cur) => !fx.has(cur))).toEqual([]);
  });
});
