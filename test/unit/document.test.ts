/** The document readers' pieces: the shape walk (depth, size, finite numbers) and file-text decoding. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { jsonShapeProblem, readDocumentJson } from '../../shared/document/parse';
import { decodeDocumentBytes, decodeWithBom } from '../../shared/document/text';

const limits = { maxDepth: 3, maxChars: 100, strict: true };

describe('jsonShapeProblem', () => {
  it('counts depth with the root object as level 1 and names the path that goes too deep', () => {
    expect(jsonShapeProblem({ a: [{}] }, limits)).toBeNull();
    expect(jsonShapeProblem({ a: [{ b: [] }] }, limits)).toEqual({ path: 'a[0].b', message: 'nested deeper than 3 levels (the limit)', i18n: { key: 'errors.document.tooDeep', vars: { max: 3 } } });
  });
  it('walks a million levels without recursion', () => {
    let v: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) v = [v];
    expect(jsonShapeProblem(v, { ...limits, maxDepth: 64, maxChars: Infinity })?.message).toBe('nested deeper than 64 levels (the limit)');
  });
  it('measures size as JSON characters', () => {
    expect(jsonShapeProblem({ k: 'x'.repeat(80) }, limits)).toBeNull();
    expect(jsonShapeProblem({ k: 'x'.repeat(100) }, limits)).toMatchObject({ path: '(root)', message: 'larger than 100 characters as JSON (the limit)' });
  });
  it('in strict mode refuses what JSON cannot carry', () => {
    expect(jsonShapeProblem({ a: [1, NaN] }, limits)).toMatchObject({ path: 'a[1]', message: 'expected a finite number' });
    expect(jsonShapeProblem({ 'odd key': -Infinity }, limits)).toMatchObject({ path: '["odd key"]', message: 'expected a finite number' });
    expect(jsonShapeProblem({ f: () => 1 }, limits)).toMatchObject({ path: 'f', message: 'expected a JSON value' });
    expect(jsonShapeProblem({ a: NaN }, { ...limits, strict: false })).toBeNull();
  });
});

describe('readDocumentJson', () => {
  it('drops a leading BOM, refuses deep nesting and names the size limit', () => {
    expect(readDocumentJson('\ufeff{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(readDocumentJson(`${'['.repeat(65)}${']'.repeat(65)}`)).toMatchObject({ ok: false, issues: [{ message: 'nested deeper than 64 levels (the limit)' }] });
    expect(readDocumentJson(`${'['.repeat(64)}${']'.repeat(64)}`).ok).toBe(true);
    expect(readDocumentJson(' '.repeat(5_000_001))).toMatchObject({ ok: false, issues: [{ message: 'file too large (5000001 characters; at most 5000000)' }] });
  });
});

describe('decodeDocumentBytes', () => {
  const text = '{"name":"昇腾 910B ✓"}';
  it.each([
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
    ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])],
  ])('%s gives the same text, without the mark', (_name, bytes) => {
    expect(decodeDocumentBytes(bytes)).toBe(text);
  });
  it('names the mark it found, and finds none in plain UTF-8', () => {
    expect(decodeWithBom(Buffer.from([0xfe, 0xff, 0, 0x41]))).toEqual({ text: 'A', encoding: 'utf-16be' });
    expect(decodeWithBom(Buffer.from('A'))).toBeNull();
  });
});
