/** English UI strings. Every key here must exist in zh-CN.ts too (a test checks). */
export const en = {
  app: { title: 'Accelerator Procurement Planner', language: 'Language', theme: 'Theme' },
  nav: { catalog: 'Catalog', builds: 'Builds', compare: 'Compare', optimize: 'Optimize', bids: 'Bids', import: 'Import', settings: 'Settings' },
  theme: { system: 'System', light: 'Light', dark: 'Dark' },
  common: {
    loading: 'Loading…', save: 'Save', cancel: 'Cancel', edit: 'Edit', close: 'Close', add: 'Add', delete: 'Delete',
    all: 'All', none: '—', estimate: 'estimate', error: 'Error', saved: 'Saved', yes: 'Yes', no: 'No',
    search: 'Search', columns: 'Columns', undo: 'Undo', retry: 'Retry',
  },
  catalog: {
    title: 'Accelerator catalog',
    searchPlaceholder: 'Search model, vendor, alias…',
    vendor: 'Vendor', memoryType: 'Memory type', origin: 'Origin', domestic: 'Domestic (China)', foreign: 'Foreign',
    count: '{{shown}} of {{total}} accelerators',
    addAccelerator: 'Add accelerator',
    noResults: 'No accelerator matches these filters.',
    edited: 'edited',
    cols: {
      vendor: 'Vendor', model: 'Model', memoryGB: 'Memory (GB)', memoryType: 'Memory type', memoryBandwidthTBps: 'Bandwidth (TB/s)',
      bf16: 'BF16/FP16 (TFLOPS)', fp8: 'FP8 (TFLOPS)', int8: 'INT8 (TOPS)', tdpW: 'TDP (W)', scaleUpGBps: 'Scale-up (GB/s)',
      formFactor: 'Form factor', softwareStack: 'Software', releaseYear: 'Year', exportCN: 'Export (CN buyer)', price: 'Price ex VAT',
    },
  },
  figure: {
    memoryGB: 'Memory', memoryType: 'Memory type', memoryBandwidthTBps: 'Memory bandwidth', 'tflops.fp16': 'FP16 dense',
    'tflops.bf16': 'BF16 dense', 'tflops.fp8': 'FP8 dense', 'tflops.int8': 'INT8 dense', 'tflops.fp4': 'FP4 dense',
    tdpW: 'TDP', idleW: 'Idle power', scaleUpLink: 'Scale-up link', scaleUpGBps: 'Scale-up bandwidth', scaleOutGBps: 'Scale-out bandwidth',
    formFactor: 'Form factor', softwareStack: 'Software stack', releaseYear: 'Release year', exportControl: 'Export control',
    foundry: 'Foundry', hbmSupply: 'HBM supply',
  },
  detail: {
    figures: 'Figures and sources', value: 'Value', source: 'Source', asOf: 'As of', efficiency: 'Efficiency (editable)',
    mbu: 'MBU', mfu: 'MFU', maturity: 'Software maturity', notes: 'Notes', aliases: 'Also known as', bestPrice: 'Best valid quote',
    quotes: 'Price history', noQuotes: 'No quotes yet.', exportCN: 'CN buyer', exportOther: 'Other buyers', close: 'Close details',
  },
  export: { free: 'free', licensed: 'licence needed', restricted: 'restricted', prohibited: 'prohibited' },
  editor: {
    titleEdit: 'Edit {{model}}', titleNew: 'New accelerator', slug: 'Slug (id)', vendor: 'Vendor', model: 'Model', generation: 'Generation',
    aliases: 'Aliases (comma separated)', domestic: 'Made by a Chinese vendor', sourceSection: 'Source of the figures you change',
    sourceTitle: 'Source title', sourceUrl: 'Source URL', sourceAsOf: 'As of (YYYY-MM-DD)', sourceEstimate: 'These figures are estimates',
    sourceNote: 'Note', invalid: 'Please fix the highlighted fields.', exportCN: 'Export status, buyer in China', exportOther: 'Export status, other buyers',
  },
  units: { GB: 'GB', TBps: 'TB/s', GBps: 'GB/s', W: 'W', TFLOPS: 'TFLOPS', TOPS: 'TOPS' },
};
export type Messages = typeof en;
