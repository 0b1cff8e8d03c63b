/**
 * Parts and server platforms created from sheet rows. A price sheet names a part but says
 * nothing of its specs, so a created part carries placeholder figures, every one marked as an
 * estimate with a note saying so; the catalog page shows them for the user to fill in.
 */
import { uniqueSlug } from '../db/slug';
import { acceleratorSchema, type Accelerator } from '../../shared/domain/accelerator';
import type { Server } from '../../shared/domain/catalog';
import type { Source } from '../../shared/domain/source';
import { normalizeName } from '../../shared/domain/match';
import { partFromDescription } from '../../shared/scenario/inline-part';
import type { Currency } from '../../shared/money';

const DOMESTIC_VENDORS =
  /huawei|华为|昇腾|ascend|cambricon|寒武纪|kunlun|昆仑|baidu|百度|hygon|海光|metax|沐曦|moore\s*threads|摩尔线程|biren|壁仞|enflame|燧原|iluvatar|天数|denglin|登临|alibaba|平头哥|t-head/i;

export interface KnownVendor {
  name: string;
  nameZh: string;
}

/** The catalog's spelling of a vendor ("华为" → "Huawei"), or the sheet's own. */
export function canonicalVendor(written: string, vendors: readonly KnownVendor[]): string {
  const w = normalizeName(written);
  const hit = vendors.find((v) => normalizeName(v.name) === w || (v.nameZh && normalizeName(v.nameZh) === w));
  return hit?.name ?? written;
}

/** "Huawei Atlas 300I Duo" → "huawei-atlas-300i-duo"; names with no Latin letters get a hash of the model. */
export function slugFor(vendor: string, model: string, taken: (slug: string) => boolean): string {
  return uniqueSlug(`${vendor} ${model}`, taken, 'imported', model);
}

export function placeholderSource(file: string, row: number, today: string): Source {
  return {
    title: `Created by the price-sheet import from ${file}, row ${row}`,
    url: '',
    asOf: today,
    estimate: true,
    note: 'Placeholder figures: the price sheet gave no specifications. Fill them in before evaluating builds with this part.',
  };
}

/**
 * The placeholder figures, described like an inline scenario part and made into a catalog part
 * by the same converter, so a placeholder gets the stack defaults every other door applies.
 */
export function placeholderAccelerator(p: {
  slug: string;
  vendor: string;
  model: string;
  memoryGB?: number;
  source: Source;
}): Accelerator {
  const domestic = DOMESTIC_VENDORS.test(`${p.vendor} ${p.model}`) || /[\u4e00-\u9fff]/.test(p.vendor);
  const part = partFromDescription(
    {
      name: p.model.slice(0, 120),
      vendor: p.vendor.slice(0, 80),
      domestic,
      memoryGB: p.memoryGB ?? 32,
      memoryBandwidthTBps: 1,
      tflops: { fp16: 100 },
      tdpW: 350,
      idleW: 60,
      scaleUpGBps: 0,
      softwareStack: 'unknown',
      exportControl: domestic ? { CN: 'free', other: 'free' } : { CN: 'licensed', other: 'free' },
      softwareMaturity: 0.3,
    },
    { slug: p.slug, source: p.source, notes: p.source.note },
  );
  return acceleratorSchema.parse(part);
}

/**
 * A platform for a whole-server quote when none in the catalog holds this card × count. Host
 * power is borrowed from a platform with the same card count if there is one; host price is 0
 * because the server quote already prices the whole machine.
 */
export function importedServer(p: {
  slug: string;
  name: string;
  cards: number;
  cardSlug: string;
  formFactor: string;
  currency: Currency;
  similarHostPowerW?: number;
  source: Source;
}): Server {
  return {
    slug: p.slug,
    name: p.name.slice(0, 160),
    cardsPerServer: p.cards,
    hostPrice: 0,
    currency: p.currency,
    hostPowerW: p.similarHostPowerW ?? Math.max(800, 250 * p.cards),
    compatible: [p.cardSlug],
    formFactor: p.formFactor.slice(0, 40),
    source: {
      ...p.source,
      note: 'Created for a whole-server quote. Host price is 0 (the quote prices the whole server); host power is an estimate.',
    },
  };
}
