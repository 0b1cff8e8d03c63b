/**
 * 0004: a build line keeps what a scenario line may say of lead time, rental price and engine,
 * so a scenario opened on the Builds page evaluates as `procure evaluate` evaluates it.
 *
 * - `lead_time_weeks`: the line's lead time in weeks (NULL: the quote's or part's).
 * - `rental_price_minor` + `rental_currency`: the rental price per card-hour in minor units,
 *   as unit prices are stored (NULL: the price policy's rental quote).
 * - `engine`: a serving-engine profile name; `engine_profile`: an inline profile as JSON text.
 *   At most one of the two (NULL both: the stack's default engine).
 */
import type { Migration } from './index';

export const migration0004: Migration = {
  version: 4,
  name: 'build line lead time, rental price and engine',
  up(db) {
    db.exec(`
ALTER TABLE build_line ADD COLUMN lead_time_weeks REAL CHECK (lead_time_weeks IS NULL OR lead_time_weeks >= 0);
ALTER TABLE build_line ADD COLUMN rental_price_minor INTEGER;
ALTER TABLE build_line ADD COLUMN rental_currency TEXT CHECK ((rental_price_minor IS NULL) = (rental_currency IS NULL));
ALTER TABLE build_line ADD COLUMN engine TEXT;
ALTER TABLE build_line ADD COLUMN engine_profile TEXT CHECK (engine_profile IS NULL OR (engine IS NULL AND json_valid(engine_profile)));
`);
  },
};
