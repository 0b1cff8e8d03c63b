/**
 * A part described by its figures alone (an inline part in a scenario file, or a part a price
 * sheet names) becomes a catalog part here, and only here. What the description leaves out is
 * filled the same way on every door, so `procure evaluate`, the Builds page (which imports the
 * scenario and evaluates the catalog part) and the price-sheet import give the same figures:
 * MBU and MFU by software stack (docs/model.md, "Efficiency defaults"), idle power at 20 % of TDP.
 */
import type { Accelerator } from '../domain/accelerator';
import type { Source } from '../domain/source';
import { defaultEfficiency } from '../model/efficiency';
import type { InlineAccelerator } from './schema';

/** Idle draw assumed when a description gives none, as a share of TDP. */
export const DEFAULT_IDLE_SHARE = 0.2;

/** The figures a description must give; the rest have defaults (those of the scenario schema). */
export type PartDescription = Pick<InlineAccelerator, 'name' | 'vendor' | 'memoryGB' | 'memoryBandwidthTBps' | 'tflops' | 'tdpW'> &
  Partial<Omit<InlineAccelerator, 'name' | 'vendor' | 'memoryGB' | 'memoryBandwidthTBps' | 'tflops' | 'tdpW' | 'leadTimeWeeks'>>;

export interface PartOrigin {
  slug: string;
  /** Where the figures came from; its as-of date also stands for the release year. */
  source: Source;
  aliases?: string[];
  memoryType?: string;
  formFactor?: string;
  notes?: string;
}

/** The catalog part for a description: the description's figures, the documented defaults for the rest. */
export function partFromDescription(a: PartDescription, origin: PartOrigin): Accelerator {
  const softwareStack = a.softwareStack ?? '';
  const eff = defaultEfficiency(softwareStack);
  return {
    slug: origin.slug,
    vendor: a.vendor,
    model: a.name,
    generation: '',
    aliases: origin.aliases ?? [],
    domestic: a.domestic ?? false,
    memoryGB: a.memoryGB,
    memoryType: origin.memoryType ?? 'unknown',
    memoryBandwidthTBps: a.memoryBandwidthTBps,
    tflops: { ...a.tflops },
    tdpW: a.tdpW,
    idleW: a.idleW ?? DEFAULT_IDLE_SHARE * a.tdpW,
    scaleUpLink: '',
    scaleUpGBps: a.scaleUpGBps ?? 0,
    scaleOutGBps: a.scaleOutGBps ?? 50,
    formFactor: origin.formFactor ?? 'unknown',
    softwareStack,
    releaseYear: Number(origin.source.asOf.slice(0, 4)),
    exportControl: { ...(a.exportControl ?? { CN: 'free', other: 'free' }) },
    foundry: a.foundry ?? '',
    hbmSupply: a.hbmSupply ?? '',
    softwareMaturity: a.softwareMaturity ?? 0.5,
    mbu: a.mbu ?? eff.mbu,
    mfu: a.mfu ?? eff.mfu,
    sources: { default: origin.source },
    notes: origin.notes ?? '',
  };
}

/** The source an inline scenario part carries: the scenario file, every figure an estimate. */
export function inlinePartSource(fileName: string, asOf: string): Source {
  return { title: `Scenario file ${fileName}`, url: '', asOf, estimate: true, note: 'Inline spec from a scenario file' };
}
