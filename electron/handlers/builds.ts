/** Builds: CRUD with soft delete (undo), the catalog snapshot, and opening scenario files. */
import { issueVar } from '../../shared/i18n/translate';
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import { AppError, translatedError } from '../../shared/contract/result';
import { buildAssumptionsSchema, type BuildLine, type BuildRecord } from '../../shared/scenario/build';
import type { ScenarioImportResult } from '../../shared/contract/builds';
import { parseScenarioText, type InlineAccelerator, type InlineServer } from '../../shared/scenario/schema';
import { findServerByName, matchByName } from '../../shared/domain/match';
import { acceleratorSchema } from '../../shared/domain/accelerator';
import { inlinePartSource, partFromDescription } from '../../shared/scenario/inline-part';
import { createCatalogLookup } from '../../shared/scenario/catalog-lookup';
import { evaluateScenario, type EvaluationResult } from '../../shared/scenario/evaluate';
import { catalogSnapshot } from '../db/snapshot';
import { uniqueSlug } from '../db/slug';
import { effectiveDefaults } from './settings';

export { catalogSnapshot };

export function listBuilds(ctx: AppContext): BuildRecord[] {
  return ctx.builds.list();
}

export function createBuild(ctx: AppContext, input: ParsedInput<'builds:create'>): BuildRecord {
  return ctx.builds.create(input.name, input.assumptions ?? effectiveDefaults(ctx), input.lines);
}

export function updateBuild(ctx: AppContext, input: ParsedInput<'builds:update'>): BuildRecord {
  return ctx.builds.update(input.id, input);
}

export function duplicateBuild(ctx: AppContext, input: ParsedInput<'builds:duplicate'>): BuildRecord {
  const b = ctx.builds.get(input.id);
  return ctx.builds.create(input.name ?? `${b.name} (copy)`, b.assumptions, b.lines);
}

export function deleteBuild(ctx: AppContext, input: ParsedInput<'builds:delete'>): { id: number } {
  ctx.builds.setDeleted(input.id, true);
  return { id: input.id };
}

export function restoreBuild(ctx: AppContext, input: ParsedInput<'builds:restore'>): BuildRecord {
  ctx.builds.setDeleted(input.id, false);
  return ctx.builds.get(input.id);
}

/**
 * An inline part from a scenario file becomes a user part, its figures marked as estimates;
 * the line's own MBU/MFU, which a build line cannot carry, go into the part made for it.
 */
function addInlinePart(ctx: AppContext, a: InlineAccelerator, line: { mbu?: number; mfu?: number }, fileName: string): string {
  const slug = uniqueSlug(`${a.vendor} ${a.name}`, (s) => ctx.accelerators.idOf(s) !== undefined, 'part');
  const described = { ...a, mbu: line.mbu ?? a.mbu, mfu: line.mfu ?? a.mfu };
  const acc = acceleratorSchema.parse(
    partFromDescription(described, { slug, source: inlinePartSource(fileName, ctx.today()), aliases: [a.name] }),
  );
  ctx.accelerators.upsert(acc, { origin: 'user', userEdited: true });
  return slug;
}

function addInlineServer(ctx: AppContext, s: InlineServer, fileName: string): string {
  const today = ctx.today();
  const slug = uniqueSlug(s.name, (x) => ctx.servers.idOf(x) !== undefined, 'server');
  ctx.servers.upsert(
    {
      slug,
      name: s.name,
      cardsPerServer: s.cardsPerServer,
      hostPrice: s.price.amount,
      currency: s.price.currency,
      hostPowerW: s.powerW,
      compatible: [],
      formFactor: '',
      source: { title: `Scenario file ${fileName}`, url: '', asOf: today, estimate: true, note: '' },
    },
    'user',
  );
  return slug;
}

export function importScenario(ctx: AppContext, input: ParsedInput<'scenario:import'>): ScenarioImportResult {
  const parsed = parseScenarioText(input.text);
  if (!parsed.ok) {
    throw new AppError(
      'invalid-input',
      `${input.fileName}: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      parsed.issues,
      { key: 'errors.scenario.invalid', vars: { file: input.fileName, detail: parsed.issues.map(issueVar) } },
    );
  }
  const s = parsed.value;
  const parts = ctx.accelerators.list();
  const addedParts: string[] = [];
  const assumptions = buildAssumptionsSchema.parse({ currency: s.currency, site: s.site, finance: s.finance, workload: s.workload, risk: s.risk });
  const ids = ctx.transaction(() =>
    s.builds.map((b, bi) => {
      const lines: BuildLine[] = b.lines.map((l, li) => {
        let slug: string;
        if (typeof l.accelerator === 'string') {
          const m = matchByName(parts, l.accelerator);
          if (!m.ok) throw translatedError('invalid-input', 'errors.build.lineAccelerator', { file: input.fileName, build: bi, line: li, detail: m.i18n });
          slug = m.value.slug;
        } else {
          slug = addInlinePart(ctx, l.accelerator, l, input.fileName);
          addedParts.push(slug);
        }
        let server: string | undefined;
        if (typeof l.server === 'string') {
          const found = findServerByName(ctx.servers.list(), l.server);
          if (!found) throw translatedError('invalid-input', 'errors.build.lineServer', { file: input.fileName, build: bi, line: li, name: l.server });
          server = found.slug;
        } else if (l.server) {
          server = addInlineServer(ctx, l.server, input.fileName);
        }
        // a pin travels with the line; a pinned quote must be one of this database's quotes
        if (l.pinQuoteId !== undefined && !ctx.quotes.get(l.pinQuoteId)) {
          throw translatedError('invalid-input', 'errors.build.linePinQuote', { file: input.fileName, build: bi, line: li, id: l.pinQuoteId });
        }
        return {
          accelerator: slug,
          count: l.count,
          role: l.role,
          server,
          networkPerCard: l.networkPerCard,
          unitPrice: l.unitPrice,
          rentalPricePerCardHour: l.rentalPricePerCardHour,
          leadTimeWeeks: l.leadTimeWeeks,
          engine: l.engine,
          pinQuoteId: l.pinQuoteId,
          pinSupplier: l.pinSupplier,
        };
      });
      return ctx.builds.create(b.name, assumptions, lines).id;
    }),
  );
  return { builds: ids.map((id) => ctx.builds.get(id)), addedParts };
}

/** A scenario document against the catalog; a name or price it cannot resolve throws ScenarioError, reported by dispatch. */
export function evaluateScenarioDocument(ctx: AppContext, input: ParsedInput<'scenario:evaluate'>): EvaluationResult {
  return evaluateScenario(input.scenario, createCatalogLookup(catalogSnapshot(ctx)), {
    today: ctx.today(),
    sensitivity: input.sensitivity,
  });
}
