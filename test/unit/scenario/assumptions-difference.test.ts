/** Assumptions compared by value: key order and a site's name aside, a custom site equal to a preset's figures is that preset. */
import { describe, expect, it } from 'vitest';
import { assumptionsDifference, buildsToScenario, DEFAULT_ASSUMPTIONS, siteFigures, type BuildAssumptions } from '../../../shared/scenario/build';

const WEST = { slug: 'west-china', powerPricePerKWh: 0.25, currency: 'CNY', pue: 1.2, jurisdiction: 'CN', rackCostPerYear: 24000, infraCostPerKW: 9000 };
const site = siteFigures([WEST]);
const ningxia = { name: 'Ningxia Zhongwei', powerPricePerKWh: 0.25, pue: 1.2, rackCostPerYear: 24000, infraCostPerKW: 9000 };
const build = (name: string, a: Partial<BuildAssumptions> = {}) => ({ name, assumptions: { ...DEFAULT_ASSUMPTIONS, ...a }, lines: [{ accelerator: 'ascend-910b', count: 8, role: 'both' as const }] });

describe('assumptionsDifference', () => {
  it('a custom site with the preset’s numbers equals the preset', () => {
    expect(assumptionsDifference([build('A'), build('B', { site: ningxia })], site)).toBeUndefined();
    expect(buildsToScenario([build('A'), build('B', { site: ningxia })], 'x', site)?.builds).toHaveLength(2);
  });
  it('without the site figures the two are different sites (as before)', () => {
    expect(assumptionsDifference([build('A'), build('B', { site: ningxia })])).toMatchObject({ index: 1, key: 'site', path: 'site' });
  });
  it('names the field that truly differs', () => {
    expect(assumptionsDifference([build('A'), build('B', { site: { ...ningxia, pue: 1.3 } })], site)).toEqual({ index: 1, key: 'site', path: 'site.pue' });
    expect(assumptionsDifference([build('A'), build('B'), build('C', { finance: { ...DEFAULT_ASSUMPTIONS.finance, years: 3 } })], site)).toEqual({ index: 2, key: 'finance', path: 'finance.years' });
  });
  it('key order does not count', () => {
    const f = DEFAULT_ASSUMPTIONS.finance!;
    const reordered = Object.fromEntries(Object.entries(f).reverse()) as typeof f;
    expect(assumptionsDifference([build('A'), build('B', { finance: reordered })], site)).toBeUndefined();
  });
  it('a custom site with the preset’s power price but none of its rack and infrastructure costs differs', () => {
    expect(assumptionsDifference([build('A'), build('B', { site: { name: 'Ningxia', powerPricePerKWh: 0.25, pue: 1.2 } })], site)?.path).toBe('site.infraCostPerKW');
  });
});
