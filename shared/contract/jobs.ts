/** API channels of the long jobs that run off the main thread (optimizer, import, report, backup). */
import { z } from 'zod';

export interface JobView {
  id: number;
  kind: string;
  startedAt: string;
  state: 'queued' | 'running';
  progress: { phase: string; done?: number; total?: number } | null;
}

export const jobChannels = {
  /** The jobs now queued or running, with their progress (the UI polls this for its progress bars). */
  'jobs:list': { input: z.object({}).strict().optional(), output: [] as JobView[] },
  /** Ask a job to stop: its call then answers with a 'conflict' error, and nothing it would have written is saved. */
  'jobs:cancel': { input: z.object({ id: z.number().int().positive() }).strict(), output: {} as { cancelled: boolean } },
} as const;
