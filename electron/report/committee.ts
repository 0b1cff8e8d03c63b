/**
 * The committee's pages of a bid report (评标委员会): one page with the combined table (per bid
 * and subjective criterion the evaluators' scores and the combined one, trimmed scores marked,
 * the committee's total, the formula-based total and the overall score and rank) and the flags,
 * then one page per evaluator with their own scores, their flags and their sign-off line.
 * The figures are shared/bids/committee.ts's; nothing is computed here but the layout.
 */
import type { OverallScore } from '../../shared/bids/committee';
import type { EvaluationOut } from '../../shared/contract/team-evaluation';
import { esc, type Fmt } from './format';
import type { ReportModel } from './model';

export type ReportCommittee = EvaluationOut & { overall: OverallScore[] };

const n2 = (f: Fmt, x: number | null | undefined) => (x === null || x === undefined ? '–' : f.num(x, 2));

function signLine(f: Fmt, name: string): string {
  return `<table class="signoff"><thead><tr><th style="width:22mm">${f.t('report.role')}</th><th style="width:62mm">${f.t('report.name')}</th><th>${f.t('report.signature')}</th><th style="width:32mm">${f.t('report.date')}</th></tr></thead>
<tbody><tr><td class="role">${f.t('committee.evaluator')}</td><td class="line">${esc(name)}</td><td class="line"></td><td class="line"></td></tr></tbody></table>`;
}

function flagsList(e: ReportCommittee, f: Fmt, only?: string): string {
  const flags = e.committee.flags.filter((x) => only === undefined || x.evaluator === only);
  if (flags.length === 0) return `<p class="small">${f.t(only === undefined ? 'committee.noFlags' : 'committee.noFlagsOwn', { share: f.pct(e.deviationShare, 0) })}</p>`;
  return `<ul class="small">${flags
    .map((x) => `<li>${f.t('committee.flag', { evaluator: esc(x.evaluator), bid: esc(e.bids[x.bid] ?? String(x.bid + 1)), total: n2(f, x.total), mean: n2(f, x.othersMean), deviation: f.pct(x.deviation, 1) })}</li>`)
    .join('')}</ul>`;
}

function combinedPage(m: ReportModel, e: ReportCommittee, f: Fmt): string {
  const crit = (id: string) => e.criteria.find((c) => c.id === id);
  const head = `<tr><th>${f.t('committee.bid')}</th><th>${f.t('committee.criterion')}</th>${e.evaluators.map((x) => `<th class="num">${esc(x)}</th>`).join('')}<th class="num">${f.t('committee.combined')}</th></tr>`;
  const rows = e.committee.cells
    .map((c) => {
      const k = crit(c.criterion);
      const scores = c.scores.map((s, i) => {
        const name = e.evaluators[i]!;
        const dropped = name === c.droppedHigh || name === c.droppedLow;
        return `<td class="num">${dropped ? `<s>${n2(f, s)}</s>` : n2(f, s)}</td>`;
      });
      return `<tr><td>${esc(e.bids[c.bid] ?? '')}</td><td>${esc(k?.name ?? c.criterion)} (${f.num(k?.points ?? 0)})</td>${scores.join('')}<td class="num"><b>${n2(f, c.combined)}</b></td></tr>`;
    })
    .join('');
  const labels = m.bids?.bids.map((b) => b.label) ?? e.bids;
  const totals = e.overall
    .map((o, i) => `<tr><td>${esc(labels[i] ?? '')}</td><td class="num">${n2(f, m.bids?.bids[i]?.totalScore)}</td><td class="num">${n2(f, e.committee.bidTotals[i])}</td><td class="num"><b>${n2(f, o.total)}</b></td><td class="num">${o.rank ?? '–'}</td></tr>`)
    .join('');
  const rule = e.evaluators.length >= 5 ? f.t('committee.ruleTrimmed') : f.t('committee.ruleMean');
  return `<section class="committee">
<h2>${f.t('committee.title')}</h2>
<p class="small">${f.t('committee.members', { members: esc(e.evaluators.join(', ')), submitted: e.submitted.length, count: e.evaluators.length })} ${rule}</p>
<table><thead>${head}</thead><tbody>${rows}</tbody></table>
${e.committee.cells.some((c) => c.droppedHigh) ? `<p class="small muted">${f.t('committee.droppedNote')}</p>` : ''}
${e.committee.complete ? '' : `<p class="small"><b>${f.t('committee.incomplete')}</b></p>`}
<h3>${f.t('committee.overall')}</h3>
<table><thead><tr><th>${f.t('committee.bid')}</th><th class="num">${f.t('committee.formulaTotal')}</th><th class="num">${f.t('committee.committeeTotal')}</th><th class="num">${f.t('committee.total')}</th><th class="num">${f.t('committee.rank')}</th></tr></thead><tbody>${totals}</tbody></table>
<h3>${f.t('committee.flags')}</h3>
${flagsList(e, f)}
</section>`;
}

function evaluatorPage(e: ReportCommittee, who: string, f: Fmt): string {
  const i = e.evaluators.indexOf(who);
  const rows = e.committee.cells
    .map((c) => {
      const k = e.criteria.find((x) => x.id === c.criterion);
      return `<tr><td>${esc(e.bids[c.bid] ?? '')}</td><td>${esc(k?.name ?? c.criterion)}</td><td class="num">${f.num(k?.points ?? 0)}</td><td class="num">${n2(f, c.scores[i])}</td></tr>`;
    })
    .join('');
  const total = e.committee.bidTotals.map((_, b) => {
    const own = e.committee.cells.filter((c) => c.bid === b).map((c) => c.scores[i]);
    return own.every((x) => x !== null && x !== undefined) ? own.reduce((s: number, x) => s + x!, 0) : null;
  });
  return `<section class="committee">
<h2>${f.t('committee.evaluatorTitle', { name: esc(who) })}</h2>
<p class="small">${e.submitted.includes(who) ? f.t('committee.submitted') : f.t('committee.notSubmitted')}</p>
<table><thead><tr><th>${f.t('committee.bid')}</th><th>${f.t('committee.criterion')}</th><th class="num">${f.t('committee.maxPoints')}</th><th class="num">${f.t('committee.score')}</th></tr></thead><tbody>${rows}
${e.bids.map((b, k) => `<tr><td colspan="3"><b>${f.t('committee.bidTotal', { bid: esc(b) })}</b></td><td class="num"><b>${n2(f, total[k])}</b></td></tr>`).join('')}</tbody></table>
<h3>${f.t('committee.flags')}</h3>
${flagsList(e, f, who)}
<p class="small">${f.t('committee.declaration')}</p>
${signLine(f, who)}
</section>`;
}

export function committeeSections(m: ReportModel, f: Fmt): string {
  return (m.committee ?? []).map((e) => [combinedPage(m, e, f), ...e.evaluators.map((who) => evaluatorPage(e, who, f))].join('\n')).join('\n');
}
