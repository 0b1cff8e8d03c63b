/**
 * The handler table: one function per contract channel. `dispatch` validates the raw
 * argument with the channel's zod schema, runs the handler, and wraps the answer in the
 * Result envelope; a thrown error becomes the envelope's error in one place (`toApiError`,
 * errors.ts). IPC, the loopback host and the CLI all call `dispatch`.
 */
import { channels, isChannel, type Channel, type Output, type ParsedInput } from '../../shared/contract/api';
import { translatedError, type Result } from '../../shared/contract/result';
import { describeIssues, jsonShapeProblem, MAX_JSON_DEPTH } from '../../shared/document/parse';
import type { AppContext } from '../context';
import { toApiError } from './errors';
import { withBusyRetry } from '../db/busy';
import { activeJobs, cancelJob } from '../jobs';
import { getAccelerator, listCatalog, listCatalogRows, listQuotes, saveAccelerator } from './catalog';
import { appInfo, getSettingValue, setSettingValue } from './app';
import { importHandlers } from './import';
import * as builds from './builds';
import { optimizeHandlers } from './optimize';
import { bidHandlers } from './bids';
import * as settingsIo from './settings';
import * as quotes from './quotes';
import * as team from './team';
import * as teamMerge from './team-merge';
import * as teamEvaluation from './team-evaluation';
import * as teamLink from './team-link';
import { listExamples, readExampleFile } from './examples';

type Handlers = { [C in Channel]: (ctx: AppContext, input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

export const handlers: Handlers = {
  'app:info': (ctx) => appInfo(ctx),
  'examples:list': (ctx) => listExamples(ctx),
  'examples:read': (ctx, input) => readExampleFile(ctx, input),
  'catalog:list': (ctx) => listCatalog(ctx),
  'catalog:rows': (ctx) => listCatalogRows(ctx),
  'catalog:get': getAccelerator,
  'catalog:save': saveAccelerator,
  'quotes:list': listQuotes,
  'settings:get': getSettingValue,
  'settings:set': setSettingValue,
  'catalog:snapshot': (ctx) => builds.catalogSnapshot(ctx),
  'builds:list': (ctx) => builds.listBuilds(ctx),
  'builds:create': builds.createBuild,
  'builds:update': builds.updateBuild,
  'builds:duplicate': builds.duplicateBuild,
  'builds:delete': builds.deleteBuild,
  'builds:restore': builds.restoreBuild,
  'scenario:import': builds.importScenario,
  'scenario:evaluate': builds.evaluateScenarioDocument,
  'timezone:get': (ctx) => settingsIo.getTimeZone(ctx),
  'timezone:set': settingsIo.setTimeZone,
  'defaults:get': (ctx) => settingsIo.getDefaults(ctx),
  'defaults:set': settingsIo.setDefaults,
  'fx:history': (ctx) => settingsIo.fxHistory(ctx),
  'fx:add': settingsIo.addFx,
  'db:backup': (ctx) => settingsIo.backupDb(ctx),
  'db:restore': settingsIo.restoreDb,
  'db:check': (ctx) => settingsIo.checkDb(ctx),
  ...importHandlers,
  ...optimizeHandlers,
  'jobs:list': () => activeJobs(),
  'jobs:cancel': (_ctx, input) => ({ cancelled: cancelJob(input.id) }),
  ...bidHandlers,
  'quotes:add': quotes.addQuote,
  'quotes:correct': quotes.correctQuote,
  'quotes:retire': quotes.retireQuote,
  'quotes:get': quotes.getQuote,
  'quotes:history': (ctx, input) => quotes.priceHistory(ctx, input.item),
  'quotes:export': quotes.exportQuotes,
  'catalog:export': quotes.exportCatalog,
  'team:init': team.initTeamHub,
  'team:add-user': team.addTeamUser,
  'team:connect': teamLink.connectTeamHub,
  'team:sync': (ctx) => teamLink.runSync(ctx),
  'team:status': (ctx) => team.teamStatus(ctx),
  'team:conflicts': teamMerge.teamConflicts,
  'team:resolve': teamMerge.resolveConflict,
  'team:share': teamMerge.shareLocal,
  'team:shared-list': teamMerge.sharedList,
  'team:duplicate': teamMerge.duplicateShared,
  'team:history': teamMerge.hubHistory,
  'team:evaluation-open': teamEvaluation.openEvaluation,
  'team:evaluation-score': teamEvaluation.scoreEvaluation,
  'team:evaluation-submit': teamEvaluation.submitEvaluation,
  'team:evaluation-list': teamEvaluation.listEvaluations,
  'team:evaluation-get': teamEvaluation.getEvaluation,
  'team:test': teamLink.testTeamHub,
  'team:schedule': teamLink.setSyncMinutes,
  'team:activity': (ctx) => teamLink.teamActivity(ctx),
};

/** Longest string accepted anywhere in an argument (guards against pathological payloads). */
const MAX_ARG_BYTES = 20 * 1024 * 1024;

export async function dispatch(ctx: AppContext, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: toApiError(translatedError('not-found', 'errors.dispatch.unknownCall', { channel })) };
  try {
    // walked without recursion: a deeply nested argument must not exhaust the stack
    const shape = raw === undefined ? null : jsonShapeProblem(raw, { maxDepth: MAX_JSON_DEPTH, maxChars: MAX_ARG_BYTES, strict: false });
    if (shape) {
      const message = shape.path === '(root)' ? `argument too large: ${shape.message}` : describeIssues([shape]);
      return { ok: false, error: { code: 'invalid-input', message, issues: [shape] } };
    }
    const parsed = channels[channel].input.safeParse(raw);
    // the issues as a message the UI says in its language (each by its key where it has one)
    if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
    const handler = handlers[channel] as (c: AppContext, i: unknown) => unknown;
    const value = await withBusyRetry(() => ctx.db, () => handler(ctx, parsed.data));
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
