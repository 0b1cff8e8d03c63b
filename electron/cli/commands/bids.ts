/**
 * `procure bids FILE [--json] [--lang en|zh-CN]`: evaluate a bid file with the app's handler —
 * hard constraints, comprehensive score, rank — and print a table or, with --json, per bid:
 * pass, failures, evaluatedPrice, priceScore, technicalScore, totalScore, rank and the KPIs.
 * `procure bids template …` and `procure bids import-template …`: the XLSX bid template (bid-template.ts).
 */
import type { BidEvaluation } from '../../../shared/bids/evaluate';
import { describeFailure } from '../../../shared/bids/constraints';
import { KPIS, formatKpi } from '../../../shared/report/kpis';
import { call, CliError, cliError, parseCommand, table, toJson, type CliIo } from '../io';
import { readDocumentJson } from '../../../shared/document/parse';
import { issueVar } from '../../../shared/i18n/translate';
import { bidTemplateCommand, IMPORT_TEMPLATE_USAGE, importTemplateCommand, TEMPLATE_USAGE } from './bid-template';
import { committeeOfBids, renderCommittee } from './team-evaluate';

export const BIDS_USAGE = `bids FILE [--json] [--lang en|zh-CN] [--evaluations] | ${TEMPLATE_USAGE} | ${IMPORT_TEMPLATE_USAGE}`;

export function bidsJson(r: BidEvaluation): unknown {
  return {
    currency: r.currency,
    requiredTokensPerSecond: r.requiredTokensPerSecond ?? null,
    weights: r.weights,
    maxPoints: r.maxPoints,
    ranking: r.ranking,
    recommended: r.recommended,
    warnings: r.warnings,
    bids: r.bids.map((b) => ({
      index: b.index,
      vendor: b.vendor,
      name: b.name,
      pass: b.pass,
      failures: b.failures.map((f) => ({ code: f.code, message: f.message, actual: f.actual, limit: f.limit })),
      evaluatedPrice: b.evaluatedPrice,
      priceScore: b.priceScore,
      technicalScore: b.technicalScore,
      technical: b.technical,
      totalScore: b.totalScore,
      rank: b.rank,
      tied: b.tied,
      bidTotalExVat: b.bidTotalExVat,
      bidTotalInclVat: b.bidTotalInclVat,
      deliveryWeeks: b.deliveryWeeks,
      deliveryDate: b.deliveryDate,
      domesticShare: b.domesticShare,
      kpis: Object.fromEntries(KPIS.map((k) => [k.key, k.value(b.build)])),
    })),
  };
}

function readJson(file: string, io: CliIo): unknown {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw cliError('cannotRead', { file, why: (e as Error).message });
  }
  const json = readDocumentJson(text);
  if (!json.ok) throw new CliError({ key: 'errors.withPath', vars: { path: file, message: { key: 'errors.issues', vars: { items: json.issues.map(issueVar) } } } });
  return json.value;
}

export { readJson };

export async function bidsCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'template') return bidTemplateCommand(argv.slice(1), io);
  if (argv[0] === 'import-template') return importTemplateCommand(argv.slice(1), io);
  const parsed = parseCommand(io, 'bids', BIDS_USAGE, argv, { json: { type: 'boolean' }, lang: { type: 'string' }, evaluations: { type: 'boolean' } });
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  // --lang is the CLI's global option (runCli takes it); a command-level value is still honoured
  const lang = values.lang ?? io.lang;
  if (lang !== 'en' && lang !== 'zh-CN') {
    io.err(`procure bids: ${io.t('badLang', { lang })}\n${io.t('usage', { usage: BIDS_USAGE })}`);
    return 2;
  }
  const file = positionals[0]!;
  const bidFile = readJson(file, io);
  const r = await call(io.ctx(), 'bids:evaluate', { bidFile });
  // the committee's scores of this bid set (procure team evaluate), when asked for
  const committee = values.evaluations ? await committeeOfBids(io, file, bidFile, r) : undefined;
  if (values.json) {
    io.out(toJson(committee ? { ...(bidsJson(r) as object), evaluations: committee } : bidsJson(r)));
    return 0;
  }
  const cur = r.currency;
  const money = (v: number) => formatKpi('money', v, cur);
  const order = [...r.ranking, ...r.bids.filter((b) => !b.pass).map((b) => b.index)];
  io.out(
    table(
      ['rank', 'bid', 'result', 'evaluatedPrice', 'price', 'technical', 'total', 'costPerMtok', 'risk'].map((h) => io.t(`bids.head.${h}`)),
      order.map((i) => {
        const b = r.bids[i]!;
        return [
          b.rank === null ? '-' : `${b.rank}${b.tied ? io.t('bids.tie') : ''}`,
          b.label,
          io.t(b.pass ? 'bids.pass' : 'bids.fail'),
          money(b.evaluatedPrice),
          b.priceScore?.toFixed(2) ?? '-',
          b.technicalScore?.toFixed(2) ?? '-',
          b.totalScore?.toFixed(2) ?? '-',
          formatKpi('moneyPerMTok', b.build.costPerMillionOutputTokens, cur),
          b.build.risk.score.toFixed(0),
        ];
      }),
    ),
  );
  for (const b of r.bids.filter((x) => !x.pass)) {
    io.out(`\n${io.t('bids.fails', { bid: b.label })}\n${b.failures.map((f) => `  - ${describeFailure(f, lang, cur)}`).join('\n')}`);
  }
  const rec = r.recommended.map((i) => r.bids[i]!.label);
  io.out(`\n${rec.length === 1 ? io.t('bids.recommended', { bid: rec[0]! }) : rec.length > 1 ? io.t('bids.tied', { bids: rec.join(', ') }) : io.t('bids.noneFeasible')}`);
  if (r.warnings.length) io.out(`\n${io.t('bids.warnings')}\n${r.warnings.map((w) => `  - ${w}`).join('\n')}`);
  for (const c of committee ?? []) {
    io.out(`\n${renderCommittee(c)}`);
    io.out(
      `\n${table(
        ['rank', 'bid', 'formulaTotal', 'committee', 'total'].map((h) => io.t(`bids.head.${h}`)),
        c.overall.map((o, i) => [o.rank === null ? '-' : String(o.rank), r.bids[i]!.label, r.bids[i]!.totalScore?.toFixed(2) ?? '-', c.committee.bidTotals[i]?.toFixed(2) ?? '-', o.total?.toFixed(2) ?? '-']),
      )}`,
    );
  }
  return 0;
}
