/**
 * Committing a plan: one SQLite transaction appends the batch, any created parts and server
 * platforms, every accepted quote and the remembered mapping. A failure anywhere (or a killed
 * process) leaves the database exactly as it was. Undo marks the batch; quotes are never deleted.
 */
import type { AppContext } from '../context';
import type { ImportBatchView, ImportCommitInput, ImportCommitResult } from '../../shared/contract/import';
import { AppError } from '../../shared/contract/result';
import { buildPlan, type Plan } from './preview';

/** Test seam: called after each quote is written, inside the transaction. */
export interface CommitHooks {
  afterQuote?: (written: number, row: number) => void;
}

/**
 * The rows to write: those asked for (the user's confirmed choice, flagged ones included), else
 * every new or changed price that needs no confirmation, or also those when `acceptFlagged`.
 */
function acceptedRows(plan: Plan, requested: readonly number[] | undefined, acceptFlagged: boolean): number[] {
  if (!requested) return plan.preview.rows.filter((r) => r.accepted || (acceptFlagged && r.needsConfirmation && plan.quotes.has(r.row) && (r.status === 'new' || r.status === 'price-change'))).map((r) => r.row);
  const byRow = new Map(plan.preview.rows.map((r) => [r.row, r]));
  const problems: { path: string; message: string }[] = [];
  for (const n of new Set(requested)) {
    const r = byRow.get(n);
    if (!r) problems.push({ path: `rows`, message: `row ${n} is not a data row of sheet "${plan.preview.sheet}"` });
    else if (!plan.quotes.has(n)) {
      const why = r.status === 'skipped' ? r.skipReason : r.issues.map((i) => i.message).join('; ');
      problems.push({ path: 'rows', message: `row ${n} cannot be committed (${r.status}: ${why})` });
    }
  }
  if (problems.length > 0) {
    throw new AppError('invalid-input', problems.slice(0, 5).map((p) => p.message).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : ''), problems.slice(0, 100));
  }
  return [...new Set(requested)].sort((a, b) => a - b);
}

export async function commitImport(ctx: AppContext, input: ImportCommitInput, hooks: CommitHooks = {}): Promise<ImportCommitResult> {
  const plan = await buildPlan(ctx, input);
  const rows = acceptedRows(plan, input.rows, input.acceptFlagged === true);
  if (rows.length === 0) {
    const flagged = plan.preview.counts.needsConfirmation;
    throw new AppError(
      'invalid-input',
      `nothing to commit from ${plan.preview.fileName}: no new or changed prices (${plan.preview.counts.error} rows with errors, ${plan.preview.counts.skipped} skipped, ${plan.preview.counts.unchanged} unchanged${flagged ? `, ${flagged} needing confirmation: select them or accept flagged rows` : ''})`,
    );
  }
  const chosen = new Set(rows);
  const importedAt = new Date().toISOString();
  const createdParts: string[] = [];
  const createdServers: string[] = [];
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
    // One writer for the batch: it looks each slug up once (the parts and servers created above
    // included), where quotes.add would run a SELECT per quote.
    const addQuote = ctx.quotes.writer();
    const prov = { origin: 'import' as const, importId: id, sourceFile: plan.preview.fileName, sourceSheet: plan.preview.sheet, sourceRow: 0, createdAt: importedAt };
    let written = 0;
    for (const n of rows) {
      prov.sourceRow = n;
      addQuote(plan.quotes.get(n)!, prov);
      hooks.afterQuote?.(++written, n);
    }
    ctx.imports.saveMapping(plan.mapping.supplier, plan.mapping.layoutKey, plan.mapping, importedAt);
    return id;
  });
  for (const r of plan.preview.rows) r.accepted = chosen.has(r.row);
  return { importId, quotes: rows.length, createdParts, createdServers, preview: plan.preview };
}

export function undoImport(ctx: AppContext, importId: number): ImportBatchView {
  const batch = ctx.imports.batch(importId);
  if (!batch) throw new AppError('not-found', `no import with id ${importId}`);
  if (batch.undoneAt) throw new AppError('conflict', `import ${importId} was already undone at ${batch.undoneAt}`);
  ctx.imports.markUndone(importId, new Date().toISOString());
  return ctx.imports.batch(importId)!;
}

export function listImports(ctx: AppContext): ImportBatchView[] {
  return ctx.imports.list();
}


