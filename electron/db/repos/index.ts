/**
 * Every repository of one open database, made together: each prepares its statements once, on
 * construction, and all SQL of the app lives in them (and in migrations, open and backup).
 */
import type Database from 'better-sqlite3';
import { AcceleratorRepo } from './accelerators';
import { BidSetRepo } from './bid-sets';
import { BuildRepo } from './builds';
import { FxRepo } from './fx';
import { ImportRepo } from './imports';
import { MetaRepo, SettingRepo } from './meta';
import { QuoteRepo } from './quotes';
import { ServerRepo } from './servers';
import { SiteRepo } from './sites';
import { SupplierRepo } from './suppliers';

export interface Repos {
  accelerators: AcceleratorRepo;
  servers: ServerRepo;
  quotes: QuoteRepo;
  suppliers: SupplierRepo;
  sites: SiteRepo;
  fx: FxRepo;
  builds: BuildRepo;
  bidSets: BidSetRepo;
  imports: ImportRepo;
  meta: MetaRepo;
  settings: SettingRepo;
  /** Runs `fn` in one transaction: all its writes or none (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
}

export function createRepos(db: Database.Database): Repos {
  const accelerators = new AcceleratorRepo(db);
  const servers = new ServerRepo(db);
  const acceleratorId = (slug: string) => accelerators.idOf(slug);
  const serverId = (slug: string) => servers.idOf(slug);
  const suppliers = new SupplierRepo(db);
  return {
    suppliers,
    accelerators,
    servers,
    quotes: new QuoteRepo(db, acceleratorId, serverId, suppliers),
    sites: new SiteRepo(db),
    fx: new FxRepo(db),
    builds: new BuildRepo(db, acceleratorId, serverId),
    bidSets: new BidSetRepo(db),
    imports: new ImportRepo(db),
    meta: new MetaRepo(db),
    settings: new SettingRepo(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
