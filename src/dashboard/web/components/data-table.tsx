import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** One column: its header and how a row shows in it. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
}

const useStyles = makeStyles({
  caption: { textAlign: 'start', padding: `${tokens.spacingVerticalS} 0`, fontWeight: tokens.fontWeightSemibold },
  numeric: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  wrap: { overflowX: 'auto' },
});

/** A plain data table with a caption: the accessible form of every chart, and the view of every list. */
export function DataTable<Row>(props: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  empty?: string;
}) {
  const styles = useStyles();
  const { caption, columns, rows, rowKey, empty = 'Nothing to show yet.' } = props;
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <div className={styles.wrap}>
      <Table size="small">
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column.header} scope="col" className={column.numeric ? styles.numeric : undefined}>
                {column.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, index) => (
            <TableRow key={rowKey(row, index)}>
              {columns.map((column) => (
                <TableCell key={column.header} className={column.numeric ? styles.numeric : undefined}>
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** A figure for a table cell: one decimal, a percentage, or "–" where a threshold hides it. */
export function shown(value: number | null | undefined, as: 'mean' | 'count' | 'share' = 'count'): string {
  if (value === null || value === undefined) return '–';
  if (as === 'share') return `${Math.round(value * 100)}%`;
  return as === 'mean' ? value.toFixed(1) : String(value);
}
