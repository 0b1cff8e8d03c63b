/** Reading one catalog figure by key, with its unit: shared by the CLI, the UI and reports. */
import type { Accelerator, FigureKey, Precision } from './accelerator';

export interface FigureValue {
  value: number | string | undefined;
  unit: string;
}

const UNITS: Partial<Record<FigureKey, string>> = {
  memoryGB: 'GB',
  memoryBandwidthTBps: 'TB/s',
  tdpW: 'W',
  idleW: 'W',
  scaleUpGBps: 'GB/s',
  scaleOutGBps: 'GB/s',
  'tflops.fp16': 'TFLOPS',
  'tflops.bf16': 'TFLOPS',
  'tflops.fp8': 'TFLOPS',
  'tflops.int8': 'TOPS',
  'tflops.fp4': 'TFLOPS',
};

export function figureValue(a: Accelerator, key: FigureKey): FigureValue {
  const unit = UNITS[key] ?? '';
  if (key.startsWith('tflops.')) return { value: a.tflops[key.slice(7) as Precision], unit };
  if (key === 'exportControl') return { value: `CN: ${a.exportControl.CN}; other: ${a.exportControl.other}`, unit };
  const v = a[key as keyof Accelerator];
  return { value: typeof v === 'number' || typeof v === 'string' ? (v === '' ? undefined : v) : undefined, unit };
}

export function formatFigure(f: FigureValue): string {
  if (f.value === undefined) return '';
  return f.unit ? `${f.value} ${f.unit}` : String(f.value);
}
