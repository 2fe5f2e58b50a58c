import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, parseCsv, parseCsvRecords } from '../../src/domain/csv.js';

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF or CR line endings', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = '2001,COD,"Congo, the Democratic Republic of the"\r\nx,"say ""hi""","two\r\nlines"\n';
    expect(parseCsv(text)).toEqual([
      ['2001', 'COD', 'Congo, the Democratic Republic of the'],
      ['x', 'say "hi"', 'two\r\nlines'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c\n,\n2025,no,\n')).toEqual([
      ['a', '', 'c'],
      ['', ''],
      ['2025', 'no', ''],
    ]);
    expect(parseCsv('"",x')).toEqual([['', 'x']]);
  });

  it('strips a byte-order mark and handles empty input', () => {
    expect(parseCsv('\ufeffa,b\n')).toEqual([['a', 'b']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });

  it('does not add a record for the final line break; a blank line inside is one empty field', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('keeps non-ASCII text and spaces as written', () => {
    expect(parseCsv('Côte d’Ivoire , Türkiye\n')).toEqual([['Côte d’Ivoire ', ' Türkiye']]);
  });

  it('keeps stray text after a closing quote', () => {
    expect(parseCsv('"ab"c,d\n')).toEqual([['abc', 'd']]);
  });

  it('rejects an unterminated quoted field, saying where it starts', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(/line 2/);
  });
});

describe('formatCsv', () => {
  it('quotes only when needed', () => {
    expect(
      formatCsv([
        ['report_year', 'country_id', 'source'],
        [2001, 'COD', 'cho_merged_jk_2015-08-10.dta'],
        [2012, 'USA', 'https://www.refworld.org/publisher,USDOS,ANNUALREPORT,USA,4fe30c8541,0.html'],
        [2016, 'X', 'say "hi"'],
        [2017, 'Y', 'two\nlines'],
        [2018, 'Z', ' padded '],
      ]),
    ).toBe(
      'report_year,country_id,source\n' +
        '2001,COD,cho_merged_jk_2015-08-10.dta\n' +
        '2012,USA,"https://www.refworld.org/publisher,USDOS,ANNUALREPORT,USA,4fe30c8541,0.html"\n' +
        '2016,X,"say ""hi"""\n' +
        '2017,Y,"two\nlines"\n' +
        '2018,Z," padded "\n',
    );
  });

  it('writes null and undefined as empty fields and supports CRLF', () => {
    expect(formatCsv([[2025, 'no', null, undefined]], { eol: '\r\n' })).toBe('2025,no,,\r\n');
    expect(formatCsv([])).toBe('');
  });

  it('writes a record of one empty field as "" so it is not a blank line', () => {
    expect(formatCsv([['a'], [''], ['b']])).toBe('a\n""\nb\n');
    expect(parseCsv(formatCsv([['a'], [''], ['b']]))).toEqual([['a'], [''], ['b']]);
  });

  it('rejects non-finite numbers', () => {
    expect(() => formatCsv([[Number.NaN]])).toThrow(RangeError);
    expect(() => formatCsv([[Infinity]])).toThrow(RangeError);
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['a', 'b,c', 'd"e', 'f\r\ng', '', 'Côte d’Ivoire'],
      ['1', '', '', '', '', ''],
      ['', 'x', ' y', 'z ', '""', ','],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
    expect(parseCsv(formatCsv(rows, { eol: '\r\n' }))).toEqual(rows);
  });
});

describe('parseCsvRecords', () => {
  it('keys records by header, skipping blank lines', () => {
    const { header, records } = parseCsvRecords('report_year,complete\n2001,yes\n\n2016,no\n');
    expect(header).toEqual(['report_year', 'complete']);
    expect(records).toEqual([
      { report_year: '2001', complete: 'yes' },
      { report_year: '2016', complete: 'no' },
    ]);
  });

  it('rejects a record with the wrong number of fields', () => {
    expect(() => parseCsvRecords('a,b\n1,2,3\n')).toThrow(/record 2/);
  });
});

describe('formatCsv neutralizeFormulas', () => {
  it('makes text that a spreadsheet would run inert, and leaves numbers and ordinary text alone', () => {
    const row = ['=HYPERLINK("http://x")', '@SUM(1+1)', '+cmd', '-x', '-5', '+3.5', 'Plain = text', -7, '\tTab'];
    expect(formatCsv([row], { neutralizeFormulas: true })).toBe(`"'=HYPERLINK(""http://x"")",'@SUM(1+1),'+cmd,'-x,-5,+3.5,Plain = text,-7,'\tTab\n`);
    expect(formatCsv([['=1']])).toBe('=1\n');
  });
});
