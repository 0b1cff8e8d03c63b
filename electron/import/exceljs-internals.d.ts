/**
 * The parts of exceljs's own reader that the streaming XLSX reader reuses (the workbook, its
 * relationships and its styles are read by exceljs's own transforms, and dates by its own rules),
 * so that those rules have one home. exceljs ships no types for them.
 */
declare module 'exceljs/lib/xlsx/xform/book/workbook-xform.js' {
  export default class WorkbookXform {
    parseStream(chunks: AsyncIterable<Buffer>): Promise<
      | {
          sheets?: { name: string; id: number; state?: string; rId: string }[];
          properties?: { date1904?: boolean };
        }
      | undefined
    >;
  }
}

declare module 'exceljs/lib/xlsx/xform/core/relationships-xform.js' {
  export default class RelationshipsXform {
    parseStream(chunks: AsyncIterable<Buffer>): Promise<{ Id: string; Type: string; Target: string }[] | undefined>;
  }
}

declare module 'exceljs/lib/xlsx/xform/style/styles-xform.js' {
  export default class StylesXform {
    parseStream(chunks: AsyncIterable<Buffer>): Promise<unknown>;
    getStyleModel(id: number): { numFmt?: string } | null;
  }
}

declare module 'exceljs/lib/utils/utils.js' {
  const utils: {
    isDateFmt(fmt: string | undefined): boolean;
    excelToDate(v: number, date1904?: boolean): Date;
    xmlDecode(text: string): string;
  };
  export default utils;
}
