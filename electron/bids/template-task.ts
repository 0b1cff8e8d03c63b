/**
 * Reading a filled bid template as a job (electron/jobs: a worker thread in the app, the calling
 * thread in the CLI): exceljs parses the workbook off the main thread, so the window and the
 * loopback host answer while a large file is read. Input and output are plain data: the
 * catalog's part and host names come as lists; the problems cross back as one AppError with
 * their UI strings.
 */
import { findServerByName, matchByName } from '../../shared/domain/match';
import { readBidTemplate, templateError, TemplateProblems, type TemplateReading } from './template-read';

export interface ReadTemplateInput {
  dataBase64: string;
  fileName: string;
  today: string;
  expect: { fingerprint: string; requirement: string };
  /** The catalog's parts as the name match needs them. */
  parts: { slug: string; vendor: string; model: string; aliases: string[] }[];
  servers: { slug: string; name: string }[];
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
    if (e instanceof TemplateProblems) throw templateError(e.problems);
    throw e;
  }
}

export type { TemplateReading };
