import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

export type Column<T> = {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes of this column's cells. */
  className?: string;
  /** Classes of its header cell (widths). */
  headerClassName?: string;
  /** A tooltip for the cell (the full date behind "3 min. ago"). */
  title?: (row: T) => string | undefined;
};

type TableProps<T> = {
  /** The accessible name of the table. */
  label: string;
  /** `false` entries are left out, for columns shown only sometimes. */
  columns: readonly (Column<T> | false)[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Rows after the data rows ("… and 3 more"). */
  after?: ReactNode;
  /** In a bordered panel (the default), or bare inside one already. */
  framed?: boolean;
  className?: string;
};

/** A dense data table: one header row, one row per item, cells from the column definitions. */
export function Table<T>({ label, columns, rows, rowKey, after, framed = true, className }: TableProps<T>) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  const table = (
    <table className="table-dense" aria-label={label}>
      <thead>
        <tr>
          {shown.map((c, i) => (
            <th key={i} className={c.headerClassName}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {shown.map((c, i) => (
              <td key={i} className={c.className} title={c.title?.(row)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
        {after}
      </tbody>
    </table>
  );
  return framed ? <div className={cn('panel overflow-hidden', className)}>{table}</div> : table;
}
