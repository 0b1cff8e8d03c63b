/** 简体中文界面文本。 */
import type { Messages } from './en';

export const zhCN: Messages = {
  app: { title: '算力加速卡采购规划', language: '语言', theme: '主题' },
  nav: { catalog: '产品目录', builds: '集群方案', compare: '方案对比', optimize: '优化推荐', bids: '评标', import: '报价导入', settings: '设置' },
  theme: { system: '跟随系统', light: '浅色', dark: '深色' },
  common: {
    loading: '加载中…', save: '保存', cancel: '取消', edit: '编辑', close: '关闭', add: '添加', delete: '删除',
    all: '全部', none: '—', estimate: '估计值', error: '错误', saved: '已保存', yes: '是', no: '否',
    search: '搜索', columns: '显示列', undo: '撤销', retry: '重试',
  },
  catalog: {
    title: '加速卡目录',
    searchPlaceholder: '搜索型号、厂商、别名…',
    vendor: '厂商', memoryType: '显存类型', origin: '产地', domestic: '国产', foreign: '进口',
    count: '显示 {{shown}} / 共 {{total}} 款加速卡',
    addAccelerator: '新增加速卡',
    noResults: '没有符合筛选条件的加速卡。',
    edited: '已修改',
    cols: {
      vendor: '厂商', model: '型号', memoryGB: '显存 (GB)', memoryType: '显存类型', memoryBandwidthTBps: '带宽 (TB/s)',
      bf16: 'BF16/FP16 (TFLOPS)', fp8: 'FP8 (TFLOPS)', int8: 'INT8 (TOPS)', tdpW: '功耗 TDP (W)', scaleUpGBps: '卡间互联 (GB/s)',
      formFactor: '形态', softwareStack: '软件栈', releaseYear: '发布年份', exportCN: '出口管制（中国买方）', price: '不含税价格',
    },
  },
  figure: {
    memoryGB: '显存容量', memoryType: '显存类型', memoryBandwidthTBps: '显存带宽', 'tflops.fp16': 'FP16 稠密算力',
    'tflops.bf16': 'BF16 稠密算力', 'tflops.fp8': 'FP8 稠密算力', 'tflops.int8': 'INT8 稠密算力', 'tflops.fp4': 'FP4 稠密算力',
    tdpW: '热设计功耗', idleW: '空闲功耗', scaleUpLink: '卡间互联', scaleUpGBps: '卡间互联带宽', scaleOutGBps: '节点间网络带宽',
    formFactor: '形态', softwareStack: '软件栈', releaseYear: '发布年份', exportControl: '出口管制',
    foundry: '代工厂', hbmSupply: 'HBM 来源',
  },
  detail: {
    figures: '参数与来源', value: '数值', source: '来源', asOf: '截至', efficiency: '效率系数（可编辑）',
    mbu: '带宽利用率 MBU', mfu: '算力利用率 MFU', maturity: '软件成熟度', notes: '备注', aliases: '别名', bestPrice: '最低有效报价',
    quotes: '历史报价', noQuotes: '暂无报价。', exportCN: '中国买方', exportOther: '其他买方', close: '关闭详情',
  },
  export: { free: '不受限', licensed: '需许可证', restricted: '受限', prohibited: '禁止' },
  editor: {
    titleEdit: '编辑 {{model}}', titleNew: '新增加速卡', slug: '标识 (slug)', vendor: '厂商', model: '型号', generation: '代际',
    aliases: '别名（逗号分隔）', domestic: '国产厂商', sourceSection: '所修改参数的来源',
    sourceTitle: '来源标题', sourceUrl: '来源链接', sourceAsOf: '截至日期 (YYYY-MM-DD)', sourceEstimate: '这些参数为估计值',
    sourceNote: '备注', invalid: '请修正标红的字段。', exportCN: '出口管制（中国买方）', exportOther: '出口管制（其他买方）',
  },
  builds: {
    title: '集群方案', newBuild: '新建方案', defaultName: '方案 {{n}}', rename: '名称', duplicate: '复制', delete: '删除',
    deleted: '已删除“{{name}}”。', none: '还没有方案。新建一个，或打开方案文件。', lines: '加速卡配置',
    addLine: '添加加速卡', accelerator: '加速卡', count: '卡数', server: '服务器平台', serverDefault: '默认平台',
    network: '每卡网络', priceOverride: '指定单价', role: '角色', remove: '删除此行', pickPlaceholder: '搜索型号…',
    roles: { both: '推理', prefill: 'Prefill', decode: 'Decode' },
    assumptions: '假设条件', site: '机房', customSite: '自定义机房…', powerPrice: '电价 /kWh', pue: 'PUE', jurisdiction: '买方所在地',
    jurisdictions: { CN: '中国境内', other: '中国境外' },
    workload: '负载', model: '模型', inputTokens: '输入 tokens', outputTokens: '输出 tokens', tpotMs: 'TPOT 目标 (ms)', ttftMs: 'TTFT 目标 (ms)',
    finance: '财务', years: '年限', discountRate: '折现率', utilization: '利用率', maintenanceRate: '年维保比例', residualValueRate: '残值率',
    currency: '币种', kpis: '计算结果', openScenario: '打开方案文件…', saveScenario: '保存方案文件', dropHint: '拖入 .procure.json 文件即可打开',
    problems: '暂时无法计算', warnings: '提示', perLine: '分行结果', opened: '已从 {{file}} 打开 {{count}} 个方案',
    limiting: '瓶颈', riskFactors: '供应风险因素', group: '组 {{g}} 卡，批量 {{b}}',
  },
  kpi: {
    capex: '采购成本 (Capex)', tco: '总拥有成本 (现值)', annualizedCost: '年化成本', opexPerYear: '年运营成本', itPowerKW: 'IT 峰值功率',
    facilityPowerKW: '机房总功率', energyKWhPerYear: '年耗电量', outputTokensPerSecond: '输出 tokens/秒',
    costPerMillionOutputTokens: '每百万输出 token 成本', tokensPerSecondPerWatt: '每瓦 tokens/秒', costPerCardHour: '每卡时成本',
    risk: '供应风险评分', cards: '卡数', bound: '瓶颈',
  },
  bound: { memory: '显存带宽', compute: '算力', latency: '时延目标', capacity: '显存容量', interconnect: '互联', none: '–' },
  riskFactor: { exportControl: '出口管制', foundry: '晶圆代工', hbm: 'HBM 供应', leadTime: '交货周期', softwareMaturity: '软件成熟度', quoteAge: '报价时效', vendorConcentration: '厂商集中度' },
  units: { GB: 'GB', TBps: 'TB/s', GBps: 'GB/s', W: 'W', TFLOPS: 'TFLOPS', TOPS: 'TOPS' },
};
