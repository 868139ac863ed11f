import { describe, expect, it } from 'vitest';
import { columnNames, csvRowsToTargets, detectDelimiter, guessColumns, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain fields and rows', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, quotes and line breaks inside quoted fields', () => {
    const text = '"Name","Notes"\n"RDS-01","Contoso, Ltd."\n"FS-01","the ""big"" one"\n"DC-01","line one\nline two"';
    expect(parseCsv(text)).toEqual([
      ['Name', 'Notes'],
      ['RDS-01', 'Contoso, Ltd.'],
      ['FS-01', 'the "big" one'],
      ['DC-01', 'line one\nline two'],
    ]);
  });

  it('handles CRLF line ends and a trailing line break', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('handles lone CR line ends (old Mac exports)', () => {
    expect(parseCsv('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('strips a UTF-8 byte-order mark', () => {
    const rows = parseCsv('\uFEFF"Device Name",Client\nPC-1,Acme');
    expect(rows[0]).toEqual(['Device Name', 'Client']);
  });

  it('keeps empty fields and drops blank lines', () => {
    expect(parseCsv('a,,c\n\n,,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('keeps a quoted empty field at the end of the input', () => {
    expect(parseCsv('a,""')).toEqual([['a', '']]);
  });

  it('detects semicolon and tab separators from the first line', () => {
    expect(detectDelimiter('Name;Notes\nA;"x,y"')).toBe(';');
    expect(detectDelimiter('Name\tNotes\nA\tB')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(parseCsv('Name;Notes\nRDS-01;"Contoso; Berlin"')).toEqual([
      ['Name', 'Notes'],
      ['RDS-01', 'Contoso; Berlin'],
    ]);
  });
});

describe('column choice', () => {
  const rows = parseCsv(
    '"Device ID","Device Name","Client","OS"\n' +
      '"17","RDS-01","Contoso","2022"\n"18"," RDS-02 ","",""\n"19","","Fabrikam",""',
  );

  it('guesses the label and notes columns from the header', () => {
    expect(guessColumns(rows[0]!)).toEqual({ label: 1, notes: 2 });
    expect(guessColumns(['hostname', 'description'])).toEqual({ label: 0, notes: 1 });
    expect(guessColumns(['a', 'b'])).toEqual({ label: 0, notes: -1 });
  });

  it('builds targets from the chosen columns, trimming and skipping empty labels', () => {
    expect(csvRowsToTargets(rows, { labelColumn: 1, notesColumn: 2, hasHeader: true })).toEqual([
      { label: 'RDS-01', notes: 'Contoso' },
      { label: 'RDS-02' },
    ]);
  });

  it('can use any column and no notes', () => {
    expect(csvRowsToTargets(rows, { labelColumn: 0, notesColumn: -1, hasHeader: true })).toEqual([
      { label: '17' },
      { label: '18' },
      { label: '19' },
    ]);
  });

  it('treats the first row as data without a header', () => {
    expect(csvRowsToTargets([['a'], ['b']], { labelColumn: 0, notesColumn: -1, hasHeader: false })).toEqual([
      { label: 'a' },
      { label: 'b' },
    ]);
  });

  it('names columns from the header or by position', () => {
    expect(columnNames(rows, true)).toEqual(['Device ID', 'Device Name', 'Client', 'OS']);
    expect(columnNames([['x', 'y', 'z']], false)).toEqual(['Column 1', 'Column 2', 'Column 3']);
  });

  it('cuts over-long cells to the API limits', () => {
    const [target] = csvRowsToTargets([['l'.repeat(300), 'n'.repeat(600)]], {
      labelColumn: 0,
      notesColumn: 1,
      hasHeader: false,
    });
    expect(target!.label).toHaveLength(255);
    expect(target!.notes).toHaveLength(500);
  });
});
