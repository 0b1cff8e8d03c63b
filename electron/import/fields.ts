/**
 * What column headers mean: Chinese and English synonyms per field, and the unit a header
 * carries instead of the cells ("单价（万元）", "Price (USD k)", "显存(GB)", "交货期（天）").
 */
import type { Currency } from '../../shared/money';
import type { ImportField } from '../../shared/contract/import';
import { currencyIn, vatMarkerIn } from '../../shared/document/price-text';
import { clean, labelKey } from './text';

/** Synonyms per field, compared as labelKey (lower-case, no spaces or punctuation). */
const SYNONYMS: Record<ImportField, string[]> = {
  // The column that says the part: a model column. Generic names are 'name' (below); when a sheet
  // has no model column its name column serves as the item (see item-column.ts).
  item: [
    '型号', '产品型号', '规格型号', '型号规格', '规格', '物料', '加速卡', '板卡型号', '设备型号', '机型',
    'model', 'modelno', 'sku', 'part', 'partno', 'partnumber', 'pn', 'gpu', 'accelerator',
  ],
  name: [
    '产品名称', '产品', '名称', '货物名称', '设备名称', '品名', '产品描述', '描述', '物料名称', '货品', '商品', '商品名称', '项目名称', '货物', '设备',
    'product', 'productname', 'item', 'itemname', 'description', 'name', 'itemdescription',
  ],
  spec: ['主要技术参数', '技术参数', '技术规格', '配置', '配置说明', '规格参数', '参数', '技术要求', 'specification', 'specifications', 'spec', 'specs', 'configuration', 'config'],
  unit: ['单位', '计量单位', '计价单位', 'unit', 'uom', 'unitofmeasure'],
  vendor: ['厂商', '品牌', '制造商', '生产厂商', '厂家', '原厂', 'vendor', 'brand', 'manufacturer', 'make', 'oem'],
  supplier: ['供应商', '报价方', '报价单位', '经销商', '代理商', 'supplier', 'reseller', 'distributor', 'quotedby'],
  unitPrice: [
    '单价', '含税单价', '不含税单价', '未税单价', '报价', '价格', '单价报价', '销售单价', '单位价格', '租赁单价', '租金', '卡时单价',
    'unitprice', 'price', 'priceperunit', 'unitcost', 'quote', 'quotedprice', 'offerprice', 'netprice', 'listprice', 'hourlyprice', 'rate',
  ],
  totalPrice: ['总价', '金额', '合计金额', '总金额', '含税总价', '不含税总价', '小计金额', 'total', 'totalprice', 'amount', 'extendedprice', 'linetotal'],
  currency: ['币种', '货币', '币别', '结算币种', 'currency', 'ccy', 'cur'],
  qty: ['数量', '采购数量', '台数', '件数', 'qty', 'quantity', 'units', 'count'],
  leadTime: ['交货期', '货期', '交期', '供货周期', '交付周期', '到货周期', '交付时间', '供货期', 'leadtime', 'delivery', 'deliverytime', 'eta', 'lt'],
  validUntil: ['报价有效期', '有效期', '有效期至', '截止日期', '价格有效期', 'validuntil', 'validity', 'validthrough', 'expiry', 'expires', 'expirydate', 'quotevalidity', 'validto'],
  moq: ['最小起订量', '起订量', '最小订购量', '最低起订', 'moq', 'minimumorder', 'minorder', 'minimumorderquantity', 'minqty'],
  notes: ['备注', '说明', '附注', '注释', 'notes', 'note', 'remarks', 'remark', 'comments', 'comment'],
  vat: ['税率', '增值税', '是否含税', '含税', '税', 'vat', 'vatrate', 'tax', 'taxrate', 'vatincluded'],
  memory: ['显存', '内存', '显存容量', '存储', 'memory', 'vram', 'hbm', 'mem', 'memorysize'],
  cards: ['卡数', 'gpu数', '卡数量', '每台卡数', '加速卡数量', 'gpus', 'cards', 'cardsperserver', 'gpuspernode', 'gpucount'],
};

const SYNONYM_KEYS = new Map<ImportField, Set<string>>(
  (Object.entries(SYNONYMS) as [ImportField, string[]][]).map(([f, words]) => [f, new Set(words.map(labelKey))]),
);

/**
 * The synonyms that may match inside a longer label. Short Latin synonyms ("lt", "pn") only
 * count as the whole label; worked out once here rather than for every word of every header
 * cell looked at (header detection reads 40 rows, twice per preview).
 */
const PART_KEYS = new Map<ImportField, string[]>(
  [...SYNONYM_KEYS].map(([f, words]) => [f, [...words].filter((w) => w.length >= (/[^\p{ASCII}]/u.test(w) ? 2 : 3))]),
);

export interface HeaderUnit {
  /** Cell number × multiplier = major units (prices) or GB (memory). */
  multiplier: number;
  currency?: Currency;
  vatIncluded?: boolean;
  /** For lead-time columns: what a plain number counts. */
  timeUnit?: 'week' | 'day' | 'month';
  /** Price per card-hour (rental) rather than per unit bought. */
  perHour?: boolean;
  label: string;
}

export interface HeaderReading {
  field: ImportField | null;
  confidence: number;
  unit: HeaderUnit;
}

/** The unit written in brackets or after a slash: "（万元）", "(USD k)", "/元", "(GB)". */
function unitPart(header: string): string {
  const parts = [...header.matchAll(/[(（[【]([^)）\]】]*)[)）\]】]/g)].map((m) => m[1]!);
  const slash = /[/／]\s*([^/／]+)$/.exec(header);
  if (slash) parts.push(slash[1]!);
  return parts.join(' ');
}

export function readUnit(header: string): HeaderUnit {
  const h = clean(header);
  const u = unitPart(h) || h;
  let multiplier = 1;
  const labelBits: string[] = [];
  if (/亿/.test(u)) multiplier = 1e8;
  else if (/百万|\bmn\b|\bmillions?\b|\bm\b/i.test(u)) multiplier = 1e6;
  else if (/万/.test(u)) multiplier = 1e4;
  else if (/千|\bk\b|'000|\bthousands?\b/i.test(u)) multiplier = 1e3;
  const currency = currencyIn(u) ?? currencyIn(h);
  const vatIncluded = vatMarkerIn(h);
  let timeUnit: HeaderUnit['timeUnit'];
  if (/周|week|wk/i.test(u)) timeUnit = 'week';
  else if (/天|日|day/i.test(u)) timeUnit = 'day';
  else if (/月|month/i.test(u)) timeUnit = 'month';
  const perHour = /小时|卡时|per\s*(?:gpu|card)?[- ]?h(?:ou)?r|\/\s*h(?:ou)?r|hourly|gpu[- ]?hour|card[- ]?hour/i.test(h);
  if (/\btb\b|\bt\b/i.test(u) && !currency) {
    multiplier = 1024;
    labelBits.push('TB');
  } else if (/\bgb\b|\bg\b|\bgib\b/i.test(u) && !currency) labelBits.push('GB');
  if (multiplier === 1e4 && currency === 'CNY') labelBits.push('万元');
  else {
    if (currency) labelBits.push(currency);
    if (multiplier === 1e3) labelBits.push('k');
    if (multiplier === 1e4) labelBits.push('万');
    if (multiplier === 1e6) labelBits.push('M');
    if (multiplier === 1e8) labelBits.push('亿');
  }
  if (timeUnit) labelBits.push(timeUnit === 'week' ? 'weeks' : timeUnit === 'day' ? 'days' : 'months');
  if (perHour) labelBits.push('per card-hour');
  if (vatIncluded === true) labelBits.push('incl. VAT');
  if (vatIncluded === false) labelBits.push('excl. VAT');
  const out: HeaderUnit = { multiplier, label: labelBits.join(' ') };
  if (currency) out.currency = currency;
  if (vatIncluded !== undefined) out.vatIncluded = vatIncluded;
  if (timeUnit) out.timeUnit = timeUnit;
  if (perHour) out.perHour = true;
  return out;
}

/** Header text without its unit: "含税单价（万元）" → "含税单价". */
function bareLabel(header: string): string {
  return clean(header)
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, ' ')
    .replace(/[/／][^/／]*$/, ' ')
    .replace(/\b(?:rmb|cny|usd|eur|hkd|jpy|us\$)\b|人民币|美元|万元|元|[¥$€]/gi, ' ');
}

/**
 * Which field a header names, and how sure: 1 for a synonym; less for a synonym inside a longer
 * label, the less the more of the label is other words ("Vendor name" is a vendor, not an item).
 */
export function readHeader(header: string): HeaderReading {
  const unit = readUnit(header);
  const key = labelKey(bareLabel(header));
  const full = labelKey(header);
  if (!key || key.length > 40) return { field: null, confidence: 0, unit };
  let best: HeaderReading = { field: null, confidence: 0, unit };
  for (const [field, words] of SYNONYM_KEYS) {
    let c = 0;
    if (words.has(key) || words.has(full)) c = 1;
    else {
      for (const w of PART_KEYS.get(field)!) {
        const share = w.length / key.length;
        if (key.startsWith(w) || key.endsWith(w)) c = Math.max(c, 0.5 + 0.4 * share);
        else if (key.includes(w)) c = Math.max(c, 0.4 + 0.3 * share);
      }
    }
    // Price beats total when both match ("含税单价" contains 含税, "单价合计" is rare).
    if (c > best.confidence || (c === best.confidence && c > 0 && field === 'unitPrice')) best = { field, confidence: c, unit };
  }
  // "Price per GPU-hour" and friends are unit prices even when spelled oddly.
  if (best.field === null && unit.perHour) best = { field: 'unitPrice', confidence: 0.6, unit };
  return best;
}
