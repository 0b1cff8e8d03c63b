/** API channels of the shipped examples (examples/*.json): scenarios and bid sets the app opens as if picked from disk. */
import { z } from 'zod';

export type ExampleKind = 'scenario' | 'bids';

export interface ExampleSummary {
  /** The file name in examples/, e.g. deepseek-v3-ascend.procure.json. */
  file: string;
  kind: ExampleKind;
  /** The file's own name or title. */
  title: string;
}

/** A plain file name (no folder, no dot-dot), as `examples:list` answers it. */
const exampleFile = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/, { error: 'expected the file name of a shipped example' });

export const exampleChannels = {
  'examples:list': { input: z.object({}).strict().optional(), output: [] as ExampleSummary[] },
  'examples:read': { input: z.object({ file: exampleFile }).strict(), output: {} as { file: string; kind: ExampleKind; text: string } },
};
