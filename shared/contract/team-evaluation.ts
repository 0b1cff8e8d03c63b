/**
 * API channels of committee evaluation (评标委员会): a shared bid set's version opened for
 * evaluation with a list of evaluators (hub user names), an evaluator's scores of the subjective
 * criteria made on their own laptop (offline is fine) and their submission, all pushed by the
 * next sync; and the evaluation as this laptop holds it, with the committee's combination of the
 * submitted scores (shared/bids/committee.ts). The hub's row-level security decides what of the
 * others' scores arrives here: nothing until one has submitted one's own.
 */
import { z } from 'zod';
import type { CommitteeResult } from '../bids/committee';

const uuid = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'an id of the hub (a UUID)' });
/** An evaluation by its id or the first 8 or more characters of it. */
const evaluationRef = z.string().trim().toLowerCase().regex(/^[0-9a-f-]{8,36}$/, { error: 'an evaluation id (or its first 8 characters)' });
const userName = z.string().trim().regex(/^[a-z_][a-z0-9_.-]{0,62}$/, { error: 'a hub user name' });

export interface EvaluationCriterionView {
  id: string;
  name: string;
  points: number;
}

export interface EvaluationOut {
  id: string;
  versionId: string;
  bidSetName: string | null;
  bidSetVersion: number | null;
  evaluators: string[];
  deviationShare: number;
  openedAt: string;
  author: string | null;
  /** Opened here and not yet on the hub. */
  pending: boolean;
  bids: string[];
  criteria: EvaluationCriterionView[];
  submitted: string[];
  /** This laptop's user: on the committee, submitted, and their own scores (also before submitting). */
  me: { user: string | null; evaluator: boolean; submitted: boolean; submissionShared: boolean; scored: number; of: number };
  /** Every score held here (one's own, and the others' the hub has shown). */
  scores: { evaluator: string; bid: number; criterion: string; points: number; shared: boolean }[];
  /** The committee's combination of the submitted scores. */
  committee: CommitteeResult;
}

export const evaluationChannels = {
  /** Open an evaluation of a shared bid set (its latest version, or a version by id); pushed by the next sync. */
  'team:evaluation-open': {
    input: z
      .object({
        docId: uuid.optional(),
        versionId: uuid.optional(),
        evaluators: z.array(userName).min(1).max(25),
        deviationShare: z.number().min(0).max(1).optional(),
      })
      .strict()
      .refine((x) => (x.docId === undefined) !== (x.versionId === undefined), { error: 'give the docId or the versionId' }),
    output: {} as EvaluationOut,
  },
  /** One's own scores (bid: its index in the bid set, from 0); a cell scored again takes the new points. */
  'team:evaluation-score': {
    input: z
      .object({
        id: evaluationRef,
        scores: z
          .array(z.object({ bid: z.number().int().min(0).max(49), criterion: z.string().trim().min(1).max(40), points: z.number().min(0).max(1000) }).strict())
          .min(1)
          .max(1000),
      })
      .strict(),
    output: {} as EvaluationOut,
  },
  /** Submit one's scores (every bid on every criterion); the next sync pushes them with the submission. */
  'team:evaluation-submit': { input: z.object({ id: evaluationRef }).strict(), output: {} as EvaluationOut },
  /** The evaluations held here; with `bidFile`, those of a bid set with the same content (as parsed). */
  'team:evaluation-list': { input: z.object({ bidFile: z.unknown().optional() }).strict().optional(), output: [] as EvaluationOut[] },
  'team:evaluation-get': { input: z.object({ id: evaluationRef }).strict(), output: {} as EvaluationOut },
} as const;
