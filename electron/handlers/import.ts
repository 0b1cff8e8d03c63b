/** Handlers of the vendor price-sheet import channels (see shared/contract/import.ts). */
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import type { ImportBatchView, ImportCommitResult, ImportPreview } from '../../shared/contract/import';
import { buildPlan, commitImport, listImports, undoImport } from '../import';
import { jobDb, runJob } from '../jobs';

/** Preview and commit parse the sheet (and commit writes it) in a job worker on its own connection; an in-memory database is served here. */
export const importHandlers = {
  'import:preview': async (ctx: AppContext, input: ParsedInput<'import:preview'>): Promise<ImportPreview> => {
    const db = jobDb(ctx);
    return db ? runJob('import:preview', { db, input }) : (await buildPlan(ctx, input)).preview;
  },
  'import:commit': (ctx: AppContext, input: ParsedInput<'import:commit'>): Promise<ImportCommitResult> => {
    const db = jobDb(ctx);
    return db ? runJob('import:commit', { db, input }) : commitImport(ctx, input);
  },
  'import:undo': (ctx: AppContext, input: ParsedInput<'import:undo'>): ImportBatchView => undoImport(ctx, input.importId),
  'import:list': (ctx: AppContext): ImportBatchView[] => listImports(ctx),
};
