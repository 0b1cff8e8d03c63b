/**
 * The push half of a sync for what merges rather than appends: shared builds and bid sets (new
 * versions of one's own), catalog figure edits (one per part and field, with the field's change
 * number last seen as the base the hub detects conflicts by), and catalog keepers' conflict
 * resolutions. Each kind is pushed on its own: the hub refusing one (the role lacks the GRANT, or
 * row-level security) leaves the others to go, and is said in one line with what was kept here.
 * The pull of these kinds is the common pull by change number (TeamRepo.applyChanges).
 */
import type { ClientBase } from 'pg';
import type { MessageRef } from '../../shared/contract/result';
import { HubMergeRepo } from '../db/hub/merge-repo';
import type { TeamRepo } from '../db/repos/team';

export interface MergePushed {
  catalogEdits: number;
  resolutions: number;
  builds: number;
  bidSets: number;
}

export interface MergeRefusal {
  line: string;
  i18n: MessageRef;
}

const isRefusal = (e: unknown) => (e as { code?: string }).code === '42501';

const WHAT = {
  catalogEdits: { verb: 'edit catalog figures', one: 'edit' },
  resolutions: { verb: 'resolve catalog conflicts', one: 'resolution' },
  shared: { verb: 'share builds or bid sets', one: '' },
} as const;

/** What stays here, said the way the other refusals say it ("3 local edits, 1 local build"). */
function kept(team: TeamRepo): string {
  const p = team.pendingCounts();
  const part = (n: number, one: string) => n > 0 && `${n} local ${one}${n === 1 ? '' : 's'}`;
  return (
    [
      part(p.suppliers, 'supplier'),
      part(p.quotes, 'quote'),
      part(p.retirements, 'retirement'),
      part(p.catalogEdits, 'edit'),
      part(p.resolutions, 'resolution'),
      part(p.builds, 'build'),
      part(p.bidSets, 'bid set'),
    ]
      .filter(Boolean)
      .join(', ') || 'nothing'
  );
}

function refusal(team: TeamRepo, role: string, kind: keyof typeof WHAT): MergeRefusal {
  const p = team.pendingCounts();
  const count = kind === 'shared' ? p.builds + p.bidSets : p[kind];
  return { line: `the role ${role} may not ${WHAT[kind].verb}: ${kept(team)} kept, not shared`, i18n: { key: `team.refused.${kind}`, vars: { role, count } } };
}

export async function pushMerges(client: ClientBase, team: TeamRepo, role: string, size: number): Promise<{ pushed: MergePushed; refusals: MergeRefusal[] }> {
  const hub = new HubMergeRepo(client);
  const pushed: MergePushed = { catalogEdits: 0, resolutions: 0, builds: 0, bidSets: 0 };
  const refusals: MergeRefusal[] = [];
  const step = async (kind: keyof typeof WHAT, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      if (!isRefusal(e)) throw e;
      refusals.push(refusal(team, role, kind));
    }
  };

  await step('shared', async () => {
    const versions = team.shared.pendingVersions();
    if (versions.length === 0) return;
    const kinds = new Map(versions.map((v) => [v.gid, team.shared.version({ versionId: v.gid }).kind]));
    const stamped = await hub.pushShared(team.shared.pendingDocs(), versions);
    team.shared.markVersions(stamped);
    for (const s of stamped) pushed[kinds.get(s.gid) === 'build' ? 'builds' : 'bidSets']++;
  });
  await step('catalogEdits', async () => {
    for (;;) {
      const batch = team.catalog.pendingEdits(size);
      if (batch.length === 0) break;
      const stamped = await hub.pushCatalogEdits(batch);
      team.catalog.markEdits(stamped);
      pushed.catalogEdits += stamped.length;
      if (stamped.length === 0) throw new Error('the hub took none of the catalog edits sent');
    }
  });
  await step('resolutions', async () => {
    const rows = team.catalog.pendingResolutions();
    if (rows.length === 0) return;
    const stamped = await hub.pushResolutions(rows);
    team.catalog.markResolutions(stamped);
    pushed.resolutions += stamped.length;
  });
  return { pushed, refusals };
}
