import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow, toCsv } from './csv.ts';

describe('CSV writing (RFC 4180, for Excel)', () => {
  it('leaves plain fields, Chinese included, unquoted', () => {
    expect(csvField('藁城区增村镇小果庄村')).toBe('藁城区增村镇小果庄村');
    expect(csvField(130109)).toBe('130109');
    expect(csvField(true)).toBe('true');
  });

  it('writes null and undefined as empty fields', () => {
    expect(csvRow(['a', null, undefined, 'b'])).toBe('a,,,b');
  });

  it('quotes fields holding a comma, a quote, CR or LF, and doubles the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"解除"了')).toBe('"他说""解除""了"');
    expect(csvField('第一行\r\n第二行')).toBe('"第一行\r\n第二行"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes fields with leading or trailing spaces so readers keep them', () => {
    expect(csvField(' 3号楼')).toBe('" 3号楼"');
    expect(csvField('3号楼 ')).toBe('"3号楼 "');
  });

  it('keeps text a spreadsheet would run as a formula as text, and numbers as they are', () => {
    expect(csvField('=HYPERLINK("http://evil.example","点击")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
    expect(csvField('+86 311 1234')).toBe("'+86 311 1234");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('藁城区-增村镇')).toBe('藁城区-增村镇');
  });

  it('keeps full-width commas unquoted (they are not separators)', () => {
    expect(csvField('解除公告，第20号')).toBe('解除公告，第20号');
  });

  it('writes a file with a UTF-8 BOM, a header and CRLF after every line', () => {
    const csv = toCsv(
      ['id', 'name'],
      [
        ['1', '小果庄'],
        ['2', 'a,b'],
      ],
    );
    expect(csv).toBe('\uFEFFid,name\r\n1,小果庄\r\n2,"a,b"\r\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('round-trips through a real CSV reader', () => {
    const rows = [['x', '他说"好"', 'a,b', '一\r\n二', '', ' 空格 ']];
    const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f'], rows);
    expect(parse(csv, { bom: true })).toEqual([['a', 'b', 'c', 'd', 'e', 'f'], ...rows]);
  });
});
