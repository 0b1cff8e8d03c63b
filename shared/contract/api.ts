/**
 * The one API contract between the UI and the main process: channel names (`domain:verb`)
 * with zod schemas for their arguments. The IPC bridge, the loopback host and the CLI
 * all dispatch through handlers registered against this table.
 */
import { z } from 'zod';
import { acceleratorSchema } from '../domain/accelerator';
import { jsonValueSchema } from '../document/parse';
import type { AcceleratorView, CatalogData, AppInfo, QuoteView } from './views';
import { importChannels } from './import';
import { buildChannels } from './builds';
import { optimizeChannels } from './optimize';
import { bidChannels } from './bids';
import { settingsChannels } from './settings';
import { jobChannels } from './jobs';
import { quoteChannels } from './quotes';
import { catalogChannels } from './catalog';
import { teamChannels } from './team';
import { teamMergeChannels } from './team-merge';
import { evaluationChannels } from './team-evaluation';
import { teamLinkChannels } from './team-link';
import { exampleChannels } from './examples';

const slug = z.string().min(1).max(80);
const none = z.object({}).strict().optional();

export const channels = {
  'app:info': { input: none, output: {} as AppInfo },
  'catalog:list': { input: none, output: {} as CatalogData },
  'catalog:get': { input: z.object({ slug }).strict(), output: {} as AcceleratorView },
  /** Create (unknown slug) or update a part; an update marks it as edited by the user. */
  'catalog:save': {
    input: z.object({ accelerator: acceleratorSchema, create: z.boolean() }).strict(),
    output: {} as AcceleratorView,
  },
  'quotes:list': { input: z.object({ item: slug.optional() }).strict().optional(), output: [] as QuoteView[] },
  'settings:get': { input: z.object({ key: z.string().min(1).max(80) }).strict(), output: undefined as unknown },
  'settings:set': {
    /** Stored as JSON: a value JSON cannot carry (NaN, Infinity) is refused, not stored as null. */
    input: z.object({ key: z.string().min(1).max(80), value: jsonValueSchema }).strict(),
    output: undefined as unknown,
  },
  ...catalogChannels,
  ...buildChannels,
  ...settingsChannels,
  ...importChannels,
  ...optimizeChannels,
  ...bidChannels,
  ...quoteChannels,
  ...teamChannels,
  ...teamMergeChannels,
  ...evaluationChannels,
  ...teamLinkChannels,
  ...jobChannels,
  ...exampleChannels,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type Input<C extends Channel> = z.input<NonNullable<Channels[C]['input']>>;
export type ParsedInput<C extends Channel> = z.output<NonNullable<Channels[C]['input']>>;
export type Output<C extends Channel> = Channels[C]['output'];

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
