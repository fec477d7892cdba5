// A text[] query parameter in PostgreSQL's binary format.
//
// node-postgres sends an array parameter as an array literal it builds in JavaScript: every element
// quoted, its quotes and backslashes escaped by two regular expressions, the literal grown by string
// concatenation, then measured and copied into the message. For the JSON texts of a 1,000-event
// batch (envelopes, fold states) that was about a fifth of the ingesting process's busy time
// (docs/benchmarks.md, session 22), and PostgreSQL then parses the literal back, unescaping it.
// A Buffer parameter goes out in binary format as it is (pg-protocol's serializer), and PostgreSQL
// reads it with array_recv: lengths and bytes, nothing to escape on either side.
//
// The statement must give the parameter the type text[] (`$1::text[]`, or `col = ANY($1)` on a
// text column): array_recv checks the element type the array declares.

/** OID of the text type, the element type the array declares. */
const TEXT_OID = 25;

/**
 * Encodes the values as a one-dimensional text[] in PostgreSQL's binary format (array_recv): number
 * of dimensions, a has-nulls flag, the element type, then the dimension (length, lower bound 1) and
 * each element as its UTF-8 length (-1 for NULL) and bytes. An empty array has no dimension.
 */
export function textArrayParam(values: ReadonlyArray<string | null>): Buffer {
  const lengths = new Array<number>(values.length);
  let size = values.length === 0 ? 12 : 20;
  let hasNull = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (v === null) {
      lengths[i] = -1;
      hasNull = 1;
      size += 4;
    } else {
      lengths[i] = Buffer.byteLength(v, 'utf8');
      size += 4 + lengths[i];
    }
  }
  const buf = Buffer.allocUnsafe(size);
  let at = buf.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  at = buf.writeInt32BE(hasNull, at);
  at = buf.writeInt32BE(TEXT_OID, at);
  if (values.length > 0) {
    at = buf.writeInt32BE(values.length, at);
    at = buf.writeInt32BE(1, at);
  }
  for (let i = 0; i < values.length; i += 1) {
    at = buf.writeInt32BE(lengths[i], at);
    const v = values[i];
    if (v !== null) at += buf.write(v, at, lengths[i], 'utf8');
  }
  return buf;
}
