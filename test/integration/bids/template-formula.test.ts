/**
 * The price sheet's line totals are formulas Excel computes for the supplier; they must add up to
 * the bid total the app scores (cards, quoted hosts, network; a catalog host is not in the bid).
 * No spreadsheet engine is at hand here, so the test evaluates the written formulas with a small
 * evaluator of the functions they use (IF, COUNT, AND, ISNUMBER, ROUNDUP, SUM), blank as 0 and
 * text in arithmetic as #VALUE!, as Excel does.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { tmpDbPath } from '../../helpers/tmp';

type V = number | string | boolean | null | V[] | Error;

/** Evaluates `formula` on `ws` (cells by address; formula cells evaluated in turn). */
function evaluate(ws: ExcelJS.Worksheet, formula: string): V {
  const tokens = formula.match(/"[^"]*"|[A-Z]+\d+:[A-Z]+\d+|[A-Z]+\d+|[A-Z]+(?=\()|\d+(?:\.\d+)?|<=|>=|<>|[-+*/(),<>=]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  const cell = (ref: string): V => {
    if (!/^[A-Z]+\d+$/.test(ref)) throw new Error(`bad ref ${ref} in ${formula}`);
    const v = ws.getCell(ref).value;
    if (v && typeof v === 'object' && 'formula' in v) return evaluate(ws, (v as { formula: string }).formula);
    return (v ?? null) as V;
  };
  const num = (v: V): number | Error => {
    if (v instanceof Error) return v;
    if (v === null || v === '') return 0;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return new Error('#VALUE!');
  };
  const arith = (a: V, b: V, op: string): V => {
    const x = num(a);
    const y = num(b);
    if (x instanceof Error) return x;
    if (y instanceof Error) return y;
    return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : y === 0 ? new Error('#DIV/0!') : x / y;
  };
  const flat = (args: V[]): V[] => args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  const call = (name: string, args: V[]): V => {
    switch (name) {
      case 'IF':
        if (args[0] instanceof Error) return args[0];
        return args[0] ? args[1]! : args[2]!;
      case 'COUNT':
        return flat(args).filter((a) => typeof a === 'number').length;
      case 'AND':
        return flat(args).every((a) => Boolean(a));
      case 'ISNUMBER':
        return typeof args[0] === 'number';
      case 'ROUNDUP': {
        const x = num(args[0]!);
        return x instanceof Error ? x : Math.sign(x) * Math.ceil(Math.abs(x));
      }
      case 'SUM':
        return flat(args).reduce<number>((s, a) => s + (typeof a === 'number' ? a : 0), 0);
      default:
        throw new Error(`no ${name} in the test's evaluator`);
    }
  };
  const factor = (): V => {
    const t = next();
    if (t === '(') {
      const v = compare();
      next();
      return v;
    }
    if (t === '-') return arith(0, factor(), '-');
    if (t.startsWith('"')) return t.slice(1, -1);
    if (/^\d/.test(t)) return Number(t);
    if (t.includes(':')) {
      const [a, b] = t.split(':') as [string, string];
      const col = a.replace(/\d+/, '');
      const out: V[] = [];
      for (let r = Number(a.replace(/\D+/, '')); r <= Number(b.replace(/\D+/, '')); r++) out.push(cell(`${col}${r}`));
      return out;
    }
    if (peek() === '(') {
      next();
      const args: V[] = [];
      while (peek() !== ')') {
        args.push(compare());
        if (peek() === ',') next();
      }
      next();
      return call(t, args);
    }
    return cell(t);
  };
  const term = (): V => {
    let v = factor();
    while (peek() === '*' || peek() === '/') {
      const op = next();
      v = arith(v, factor(), op);
    }
    return v;
  };
  const additive = (): V => {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = next();
      v = arith(v, term(), op);
    }
    return v;
  };
  const compare = (): V => {
    const a = additive();
    const op = peek();
    if (!op || !['<', '>', '<=', '>=', '=', '<>'].includes(op)) return a;
    next();
    const b = additive();
    const x = num(a);
    const y = num(b);
    if (x instanceof Error || y instanceof Error) return new Error('#VALUE!');
    return { '<': x < y, '>': x > y, '<=': x <= y, '>=': x >= y, '=': x === y, '<>': x !== y }[op]!;
  };
  return compare();
}

const example = () => JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as { bids: unknown[] } & Record<string, unknown>;
let ctx: AppContext;
beforeAll(() => {
  ctx = openApp(tmpDbPath());
});
afterAll(() => ctx?.db.close());

describe('the price sheet formulas', () => {
  it('add up to the bid total the app scores', async () => {
    const out = await dispatch(ctx, 'bids:template', { bidFile: example() });
    if (!out.ok) throw new Error(out.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((out.value as { dataBase64: string }).dataBase64, 'base64') as unknown as ArrayBuffer);
    const parts = wb.getWorksheet('_procure')!.getColumn(4).values.filter((v): v is string => typeof v === 'string');
    const p = wb.getWorksheet('报价 Prices')!;
    // a line with a quoted host and network, a line on a catalog host (outside the bid total), 100 cards on 8-card hosts (13 hosts)
    const rows: Record<string, ExcelJS.CellValue>[] = [
      { B: parts.find((x) => x.startsWith('Huawei Ascend 910B (')), D: 64, E: 120_000, G: 'Atlas 800I A2 host', H: 8, I: 2000, J: 350_000, K: 6000 },
      { B: parts.find((x) => x.includes('H20')), D: 64, E: 110_000, G: 'HGX 8-GPU Hopper host (H100/H200/H800/H20 SXM)' },
      { B: parts.find((x) => x.includes('P800')), D: 100, E: 98_000, H: 8, I: 2500, J: 300_000 },
    ];
    rows.forEach((r, k) => Object.entries(r).forEach(([c, v]) => (p.getCell(`${c}${k + 2}`).value = v ?? null)));
    const t = wb.getWorksheet('交付与条款 Delivery and terms')!;
    t.getCell('B2').value = 10;
    t.getCell('B3').value = 3;
    t.getCell('B6').value = '否 / No';
    const tech = wb.getWorksheet('技术响应 Technical response')!;
    for (let r = 2; r <= tech.rowCount; r++) if (tech.getCell(r, 1).value) tech.getCell(r, 3).value = '满足 / Complies';
    wb.getWorksheet('投标人信息 Bidder')!.getCell('B2').value = 'Formula Check Ltd';

    const lineTotals = [2, 3, 4, 5].map((r) => evaluate(p, (p.getCell(`L${r}`).value as { formula: string }).formula));
    expect(lineTotals).toEqual([64 * (120_000 + 6000) + 8 * 350_000, 64 * 110_000, 100 * 98_000 + 13 * 300_000, '']);
    const total = evaluate(p, (p.getCell('L22').value as { formula: string }).formula);

    const f = example();
    const read = await dispatch(ctx, 'bids:template-import', { fileName: 't.xlsx', dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), bidFile: f });
    if (!read.ok) throw new Error(read.error.message);
    const ev = await dispatch(ctx, 'bids:evaluate', { bidFile: { ...f, bids: [(read.value as { bid: unknown }).bid] } });
    if (!ev.ok) throw new Error(ev.error.message);
    expect(total).toBe((ev.value as { bids: { bidTotalExVat: number }[] }).bids[0]!.bidTotalExVat);

    // a price written as text ("12万") leaves its line total blank rather than wrong
    p.getCell('E2').value = '12万';
    expect(evaluate(p, (p.getCell('L2').value as { formula: string }).formula)).toBe('');
  });
});
