/** The vendor price-sheet import pipeline: read → header → mapping → rows → match → preview → commit. */
export { buildPlan } from './preview';
export { commitImport, undoImport, listImports, type CommitHooks } from './commit';
