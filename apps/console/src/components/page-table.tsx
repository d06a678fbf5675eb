import type { ReactNode } from 'react';

/**
 * One page of a listing as a table: a caption for screen readers, a column heading each,
 * a row per item (`cells` gives its `<td>`s), and `empty` in one cell when the page has none.
 */
export function PageTable<T>({ caption, columns, items, keyOf, cells, empty }: { caption: string; columns: string[]; items: T[]; keyOf: (item: T) => string; cells: (item: T) => ReactNode; empty: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={keyOf(item)}>{cells(item)}</tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
