/**
 * A MipModel as CPLEX LP text, the format HiGHS reads. Variables are written x<index> and rows
 * r<index> (our labels contain characters LP names may not); infinite bounds are left out;
 * a ranged row becomes two rows, since the LP format has no portable range syntax.
 */
import type { LinExpr, MipModel } from '../../shared/optimize/mip';

/** Shortest exact decimal for a double (LP readers accept exponents). */
function num(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : v.toPrecision(17).replace(/\.?0+(e|$)/, '$1');
}

function terms(e: LinExpr): string {
  const parts: string[] = [];
  for (const [v, c] of e) {
    if (c === 0) continue;
    parts.push(`${c < 0 ? '-' : '+'} ${num(Math.abs(c))} x${v}`);
  }
  // LP lines are limited in length by some readers: wrap every few terms
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 8) out.push(parts.slice(i, i + 8).join(' '));
  return out.join('\n   ');
}

export function toLpText(m: MipModel): string {
  const L: string[] = ['Minimize'];
  // an empty objective still needs a term; a fixed-at-zero column serves for empty rows too
  const zero = m.vars.length;
  L.push(` obj: ${m.objective.size ? terms(m.objective) : `0 x${zero}`}`);
  L.push('Subject To');
  m.rows.forEach((r, i) => {
    const body = r.expr.size ? terms(r.expr) : `1 x${zero}`;
    if (r.lo === r.hi) L.push(` r${i}: ${body} = ${num(r.lo)}`);
    else {
      if (Number.isFinite(r.lo)) L.push(` r${i}: ${body} >= ${num(r.lo)}`);
      if (Number.isFinite(r.hi)) L.push(` r${i}${Number.isFinite(r.lo) ? 'u' : ''}: ${body} <= ${num(r.hi)}`);
    }
  });
  L.push('Bounds');
  m.vars.forEach((v, i) => {
    if (v.type === 'binary') return;
    const lo = Number.isFinite(v.lb) ? num(v.lb) : '-inf';
    const hi = Number.isFinite(v.ub) ? num(v.ub) : '+inf';
    L.push(` ${lo} <= x${i} <= ${hi}`);
  });
  L.push(` x${zero} = 0`);
  const ints = m.vars.flatMap((v, i) => (v.type === 'integer' ? [`x${i}`] : []));
  const bins = m.vars.flatMap((v, i) => (v.type === 'binary' ? [`x${i}`] : []));
  if (ints.length) L.push('Generals', ...chunk(ints));
  if (bins.length) L.push('Binaries', ...chunk(bins));
  L.push('End');
  return L.join('\n') + '\n';
}

function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 16) out.push(` ${names.slice(i, i + 16).join(' ')}`);
  return out;
}
