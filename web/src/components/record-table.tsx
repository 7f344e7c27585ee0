/**
 * A table of records: scrolls sideways on narrow screens (`table-wrap`), one header row of column
 * names (`scope="col"`), an optional caption for screen readers; the rows are the children.
 */
import type { ReactNode } from 'react';

/** A column's name; `hidden`: read by screen readers only (e.g. a column of buttons). */
export type Column = string | { label: string; hidden: true };

export function RecordTable({
  columns,
  caption,
  className,
  children,
}: {
  /** `false` leaves a column out (e.g. actions only the owner has). */
  columns: readonly (Column | false)[];
  caption?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className}>
        {caption !== undefined ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) =>
              c === false ? null : typeof c === 'string' ? (
                <th key={c} scope="col">
                  {c}
                </th>
              ) : (
                <th key={c.label} scope="col">
                  <span className="visually-hidden">{c.label}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
