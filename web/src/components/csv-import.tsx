import { FileUp } from 'lucide-react';
import { useEffect, useEffectEvent, useId, useMemo, useRef, useState } from 'react';
import { columnNames, csvRowsToTargets, guessColumns, parseCsv } from '@/lib/csv';
import { plural } from '@/lib/utils';
import type { Target } from '@/types/api';
import { Button } from './ui/button';
import { Select, Textarea } from './ui/input';
import { Table } from './ui/table';

/** The file as text (FileReader: available wherever File is, unlike Blob.text in older engines). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

type CsvImportProps = {
  /** Called with the targets the current file and column choice produce. */
  onTargets: (targets: Target[]) => void;
  /** How many rows the preview shows. */
  previewRows?: number;
};

/**
 * Import targets from a PSA or RMM export: pick a file (or paste), say whether the first
 * row is a header, choose the label and notes columns, check the preview.
 */
export function CsvImport({ onTargets, previewRows = 5 }: CsvImportProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [labelColumn, setLabelColumn] = useState(0);
  const [notesColumn, setNotesColumn] = useState(-1);
  const [readError, setReadError] = useState<string | null>(null);

  const rows = useMemo(() => (text.trim() ? parseCsv(text) : []), [text]);
  const names = useMemo(() => columnNames(rows, hasHeader), [rows, hasHeader]);
  const targets = useMemo(
    () => (rows.length ? csvRowsToTargets(rows, { labelColumn, notesColumn, hasHeader }) : []),
    [rows, labelColumn, notesColumn, hasHeader],
  );

  // New data gets a fresh guess of its columns from the header; picking a column does not.
  const changeText = (next: string) => {
    setText(next);
    const nextRows = next.trim() ? parseCsv(next) : [];
    if (!nextRows.length) return;
    const guess = guessColumns(hasHeader ? nextRows[0]! : []);
    setLabelColumn(guess.label);
    setNotesColumn(guess.notes);
  };

  const report = useEffectEvent((next: Target[]) => onTargets(next));
  useEffect(() => report(targets), [targets]);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setReadError(null);
    if (file.size > 5 * 1024 * 1024) {
      setReadError('The file is larger than 5 MB; export fewer columns or rows.');
      return;
    }
    try {
      changeText(await readText(file));
      setFileName(file.name);
    } catch {
      setReadError('The file could not be read.');
    }
  };

  const body = hasHeader ? rows.slice(1) : rows;

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          className="sr-only"
          aria-label="CSV file"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
        <Button size="sm" variant="outline" onClick={() => fileRef.current?.click()}>
          <FileUp className="h-3.5 w-3.5" aria-hidden />
          Choose CSV file
        </Button>
        <span className="truncate text-xs text-zinc-500">{fileName ?? 'or paste the CSV below'}</span>
      </div>
      {readError && (
        <p role="alert" className="text-xs text-red-400">
          {readError}
        </p>
      )}
      <Textarea
        aria-label="CSV content"
        rows={4}
        value={text}
        onChange={(e) => {
          changeText(e.target.value);
          setFileName(null);
        }}
        placeholder={'"Device Name","Client","OS"\n"RDS-01","Contoso","Windows Server 2022"'}
        className="font-mono text-2xs"
        spellCheck={false}
      />
      {rows.length > 0 && (
        <>
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex items-center gap-1.5 text-xs text-zinc-300">
              <input
                type="checkbox"
                checked={hasHeader}
                onChange={(e) => setHasHeader(e.target.checked)}
                className="accent-sky-500"
              />
              First row is a header
            </label>
            <div className="space-y-1">
              <label htmlFor={`${id}-label`} className="block text-2xs font-medium text-zinc-400">
                Label column
              </label>
              <Select
                id={`${id}-label`}
                value={labelColumn}
                onChange={(e) => setLabelColumn(Number(e.target.value))}
                className="w-48 text-xs"
              >
                {names.map((n, i) => (
                  <option key={i} value={i}>
                    {n}
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1">
              <label htmlFor={`${id}-notes`} className="block text-2xs font-medium text-zinc-400">
                Notes column
              </label>
              <Select
                id={`${id}-notes`}
                value={notesColumn}
                onChange={(e) => setNotesColumn(Number(e.target.value))}
                className="w-48 text-xs"
              >
                <option value={-1}>(none)</option>
                {names.map((n, i) => (
                  <option key={i} value={i}>
                    {n}
                  </option>
                ))}
              </Select>
            </div>
            <span className="ml-auto text-xs text-zinc-400" role="status">
              {plural(targets.length, { one: 'target', other: 'targets' })} from{' '}
              {plural(body.length, { one: 'row', other: 'rows' })}
            </span>
          </div>
          <div className="overflow-hidden rounded-md border border-zinc-800">
            <Table
              label="CSV preview"
              framed={false}
              rows={targets.slice(0, previewRows).map((t, i) => ({ ...t, key: String(i) }))}
              rowKey={(t) => t.key}
              columns={[
                { header: 'Label', className: 'font-medium text-zinc-100', cell: (t) => t.label },
                { header: 'Notes', className: 'text-zinc-400', cell: (t) => t.notes ?? '' },
              ]}
              after={
                <>
                  {targets.length > previewRows && (
                    <tr>
                      <td colSpan={2} className="text-zinc-500">
                        … and {targets.length - previewRows} more
                      </td>
                    </tr>
                  )}
                  {targets.length === 0 && (
                    <tr>
                      <td colSpan={2} className="text-amber-300">
                        The label column is empty in every row.
                      </td>
                    </tr>
                  )}
                </>
              }
            />
          </div>
        </>
      )}
    </div>
  );
}
