/** Scenario files (`.procure.json`): schema, catalog resolution and evaluation. */
export * from './schema';
export * from './catalog-lookup';
export * from './resolve';
export * from './evaluate';
