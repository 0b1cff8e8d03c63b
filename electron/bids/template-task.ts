/**
 * Reading a filled bid template as a job (electron/jobs: a worker thread in the app, the calling
 * thread in the CLI): exceljs parses the workbook off the main thread, so the window and the
 * loopback host answer while a large file is read. Input and output are plain data: the
 * catalog's part and host names come as lists; the problems cross back as one AppError whose UI
 * string is worded in the caller's language.
 */
import { findServerByName, matchByName } from '../../shared/domain/match';
import type { Lang } from '../../shared/i18n/translate';
import { readBidTemplate, templateError, TemplateProblems, type TemplateReading } from './template-read';

export interface ReadTemplateInput {
  dataBase64: string;
  fileName: string;
  today: string;
  expect: { fingerprint: string; requirement: string };
  /** The catalog's parts as the name match needs them. */
  parts: { slug: string; vendor: string; model: string; aliases: string[] }[];
  servers: { slug: string; name: string }[];
  lang: Lang;
}

export async function readTemplateTask(input: ReadTemplateInput): Promise<TemplateReading> {
  try {
    return await readBidTemplate(Buffer.from(input.dataBase64, 'base64'), {
      fileName: input.fileName,
      today: input.today,
      expect: input.expect,
      findAccelerator: (name) => matchByName(input.parts, name),
      serverExists: (name) => findServerByName(input.servers, name) !== undefined,
    });
  } catch (e) {
    if (e instanceof TemplateProblems) throw templateError(e.problems, input.lang);
    throw e;
  }
}

export type { TemplateReading };
