/** A column of numbers kept in a typed array (the event heap's keys, the access log's fields). */
export type NumberColumn = Float64Array | Int32Array | Uint16Array | Uint32Array;

/** `column` in a typed array of the same kind twice as long (the rest zero): how columns grow. */
export function doubled<T extends NumberColumn>(column: T): T {
  const grown = new (column.constructor as new (length: number) => T)(column.length * 2);
  grown.set(column);
  return grown;
}
