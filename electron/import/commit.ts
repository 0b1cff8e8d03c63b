/**
 * Committing a plan: one SQLite transaction appends the batch, any created parts and server
 * platforms, every accepted quote and the remembered mapping. A failure anywhere (or a killed
 * process) leaves the database exactly as it was. Undo marks the batch; quotes are never deleted.
 */
import type { AppContext } from '../context';
import type { ImportBatchView, ImportCommitInput, ImportCommitResult } from '../../shared/contract/import';
import { AppError, translatedError } from '../../shared/contract/result';
import { said, type MessageVar } from '../../shared/i18n/translate';
import type { FieldIssue } from '../../shared/document/parse';
import { buildPlan, type Plan, type StageTimer } from './preview';
import { forgetKept } from './kept';

export interface CommitHooks {
  /** Test seam: called after each quote is written, inside the transaction. */
  afterQuote?: (written: number, row: number) => void;
  /** How long reading, planning and the transaction took (the bench). */
  stage?: StageTimer;
}

/**
 * The rows to write: those asked for (the user's confirmed choice, flagged ones included), else
 * every new or changed price that needs no confirmation, or also those when `acceptFlagged`.
 */
function acceptedRows(plan: Plan, requested: readonly number[] | undefined, acceptFlagged: boolean): number[] {
  if (!requested) return plan.preview.rows.filter((r) => r.accepted || (acceptFlagged && r.needsConfirmation && plan.quotes.has(r.row) && (r.status === 'new' || r.status === 'price-change'))).map((r) => r.row);
  const byRow = new Map(plan.preview.rows.map((r) => [r.row, r]));
  const problems: FieldIssue[] = [];
  for (const n of new Set(requested)) {
    const r = byRow.get(n);
    if (!r) problems.push({ path: 'rows', ...said('errors.import.notDataRow', { row: n, sheet: plan.preview.sheet }) });
    else if (!plan.quotes.has(n)) {
      const why: MessageVar = r.status === 'skipped' ? (r.skipReasonI18n ?? r.skipReason ?? '') : r.issues.map((i) => i.i18n ?? i.message);
      problems.push({ path: 'rows', ...said('errors.import.cannotCommitRow', { row: n, status: r.status, why }) });
    }
  }
  if (problems.length > 0) {
    const list = problems.slice(0, 5).map((p) => p.i18n ?? p.message);
    const m = problems.length > 5 ? said('errors.import.andMore', { list, n: problems.length - 5 }) : said('errors.issues', { items: list });
    throw new AppError('invalid-input', m.message, problems.slice(0, 100), m.i18n);
  }
  return [...new Set(requested)].sort((a, b) => a - b);
}

export async function commitImport(ctx: AppContext, input: ImportCommitInput, hooks: CommitHooks = {}): Promise<ImportCommitResult> {
  const plan = await buildPlan(ctx, input, undefined, hooks.stage);
  const rows = acceptedRows(plan, input.rows, input.acceptFlagged === true);
  if (rows.length === 0) {
    const flagged = plan.preview.counts.needsConfirmation;
    const c = plan.preview.counts;
    const vars = { file: plan.preview.fileName, errors: c.error, skipped: c.skipped, unchanged: c.unchanged, flagged };
    throw translatedError('invalid-input', flagged ? 'errors.import.nothingToCommitFlagged' : 'errors.import.nothingToCommit', vars);
  }
  const chosen = new Set(rows);
  const importedAt = new Date().toISOString();
  const createdParts: string[] = [];
  const createdServers: string[] = [];
  const writing = performance.now();
  const importId = ctx.transaction(() => {
    const id = ctx.imports.createBatch({
      fileName: plan.preview.fileName,
      sheet: plan.preview.sheet,
      supplier: plan.preview.supplier,
      rowCount: rows.length,
      importedAt,
    });
    // Only what a chosen row needs is created; a part another import created meanwhile is reused.
    for (const [slug, { part, rows: users }] of plan.newParts) {
      if (!users.some((n) => chosen.has(n)) || ctx.accelerators.idOf(slug) !== undefined) continue;
      ctx.accelerators.upsert(part, { origin: 'import', userEdited: false });
      createdParts.push(slug);
    }
    for (const [slug, { server, rows: users }] of plan.newServers) {
      if (!users.some((n) => chosen.has(n)) || ctx.servers.idOf(slug) !== undefined) continue;
      ctx.servers.upsert(server, 'import');
      createdServers.push(slug);
    }
    // One batch writer: it looks each slug up once (the parts and servers created above
    // included), where quotes.add would run a SELECT per quote, and writes the quotes
    // BATCH_ROWS to a statement (see QuoteRepo.batchWriter). The hook hears of each quote once
    // its statement has run.
    const batch = ctx.quotes.batchWriter();
    const prov = { origin: 'import' as const, importId: id, sourceFile: plan.preview.fileName, sourceSheet: plan.preview.sheet, sourceRow: 0, createdAt: importedAt };
    let written = 0;
    const wrote = (k: number) => {
      for (const end = written + k; written < end; written++) hooks.afterQuote?.(written + 1, rows[written]!);
    };
    for (const n of rows) {
      prov.sourceRow = n;
      wrote(batch.add(plan.quotes.get(n)!, prov));
    }
    wrote(batch.flush());
    ctx.imports.saveMapping(plan.mapping.supplier, plan.mapping.layoutKey, plan.mapping, importedAt);
    return id;
  });
  hooks.stage?.('write', performance.now() - writing);
  // The import is done: the file its preview read need not wait any longer.
  forgetKept();
  for (const r of plan.preview.rows) r.accepted = chosen.has(r.row);
  return { importId, quotes: rows.length, createdParts, createdServers, preview: plan.preview };
}

export function undoImport(ctx: AppContext, importId: number): ImportBatchView {
  const batch = ctx.imports.batch(importId);
  if (!batch) throw translatedError('not-found', 'errors.import.notFound', { id: importId });
  if (batch.undoneAt) throw translatedError('conflict', 'errors.import.alreadyUndone', { id: importId, at: batch.undoneAt });
  ctx.imports.markUndone(importId, new Date().toISOString());
  return ctx.imports.batch(importId)!;
}

export function listImports(ctx: AppContext): ImportBatchView[] {
  return ctx.imports.list();
}


