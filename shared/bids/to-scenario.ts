/**
 * A bid file as a scenario: each bid becomes one build whose prices are the bid's, ex VAT
 * (the models work ex VAT, as the catalog does), and whose lead time is the bid's delivery.
 * So bids are evaluated by `evaluateScenario`'s code and nothing else.
 */
import { exVat, type MajorMoney } from '../money';
import { scenarioSchema, ScenarioError, formatIssues, type Scenario, type ScenarioInput } from '../scenario/schema';
import { bidLabels, type Bid, type BidFile } from './schema';

function net(m: MajorMoney, bid: Bid): MajorMoney {
  return { amount: exVat(m.amount, bid.vatIncluded, bid.vatRate, m.currency), currency: m.currency };
}

/** The scenario's `builds[i]` is the file's `bids[i]`: error paths are mapped back. */
export function bidPath(path: string): string {
  return path.replace(/^builds\[(\d+)\]/, 'bids[$1]');
}

export function bidFileToScenario(file: BidFile): Scenario {
  const req = file.requirement;
  const labels = bidLabels(file.bids);
  const input: ScenarioInput = {
    version: 1,
    name: req.name,
    description: req.description,
    currency: file.currency,
    ...(file.asOf ? { asOf: file.asOf } : {}),
    ...(file.fx ? { fx: file.fx } : {}),
    site: req.site,
    finance: req.finance,
    workload: req.workload,
    risk: req.risk,
    builds: file.bids.map((bid, i) => ({
      name: labels[i]!,
      lines: bid.lines.map((l) => ({
        accelerator: l.accelerator,
        count: l.count,
        role: l.role,
        unitPrice: net(l.unitPrice, bid),
        ...(l.server === undefined ? {} : { server: typeof l.server === 'string' ? l.server : { ...l.server, price: net(l.server.price, bid) } }),
        ...(l.networkPerCard ? { networkPerCard: net(l.networkPerCard, bid) } : {}),
        leadTimeWeeks: bid.deliveryWeeks,
      })),
    })),
  };
  const r = scenarioSchema.safeParse(input);
  if (!r.success) throw new ScenarioError(formatIssues(r.error).map((i) => ({ ...i, path: bidPath(i.path) })));
  return r.data;
}
