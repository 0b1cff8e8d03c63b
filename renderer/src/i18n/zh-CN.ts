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
  units: { GB: 'GB', TBps: 'TB/s', GBps: 'GB/s', W: 'W', TFLOPS: 'TFLOPS', TOPS: 'TOPS' },
};
