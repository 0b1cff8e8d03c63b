/**
 * Reports the main process renders (PDF or XLSX) from a scenario or a bid file, saved as a
 * download. The Compare and Bids stores both export through here.
 */
import type { Input } from '../../../shared/contract/api';
import { call } from '../api/client';
import { saveBase64 } from '../files';
import { toastDone, toastError } from './toast';

export type ReportKind = 'pdf' | 'xlsx';
type ReportInput = Omit<Input<'report:pdf'>, 'lang'>;

const TYPES: Record<ReportKind, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Render and save; answers the file name. The UI language picks the report's (Chinese or English). */
export async function exportReport(kind: ReportKind, input: ReportInput, uiLanguage: string): Promise<string> {
  try {
    const r = await call(kind === 'pdf' ? 'report:pdf' : 'report:xlsx', { ...input, lang: uiLanguage === 'zh-CN' ? 'zh-CN' : 'en' });
    saveBase64(r.fileName, r.dataBase64, TYPES[kind]);
    toastDone('toast.exported', { file: r.fileName });
    return r.fileName;
  } catch (e) {
    toastError(e);
    throw e;
  }
}
