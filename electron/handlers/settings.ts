/** Settings with meaning beyond the UI: default assumptions for new builds. */
import type { AppContext } from '../context';
import { getSetting } from '../db/repos/meta';
import { DEFAULT_ASSUMPTIONS, buildAssumptionsSchema, type BuildAssumptions } from '../../shared/domain/build';

/** The user's saved defaults if valid, else the built-in ones. */
export function effectiveDefaults(ctx: AppContext): BuildAssumptions {
  const saved = getSetting<unknown>(ctx.db, 'defaults');
  const r = buildAssumptionsSchema.safeParse(saved);
  return r.success ? r.data : buildAssumptionsSchema.parse(DEFAULT_ASSUMPTIONS);
}
