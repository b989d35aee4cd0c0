/**
 * Loaded by prisma.config.ts only (the CLI process), never by the app.
 *
 * Why: the WASM schema engine's own catalog queries return PostgreSQL `name` (OID 19) and `"char"`
 * (OID 18) columns, which @prisma/adapter-pg 6.19 cannot deserialize, so `migrate deploy` fails with
 * "Column type 'name' could not be deserialized". Reporting those columns (and their array types)
 * as text before the adapter reads the field list makes them plain strings.
 */
import pg from "pg";

const AS_TEXT = new Map<number, number>([
  [18, 25], // "char" -> text
  [19, 25], // name -> text
  [1002, 1009], // "char"[] -> text[]
  [1003, 1009], // name[] -> text[]
]);

type FieldLike = { dataTypeID: number };
type ResultLike = { addFields?: (fields: FieldLike[]) => void; prototype?: unknown };

const Result = (pg as unknown as { Result?: { prototype: ResultLike } }).Result;
const proto = Result?.prototype;
if (proto?.addFields && !(proto as { __textPatched?: boolean }).__textPatched) {
  const original = proto.addFields;
  proto.addFields = function patched(this: unknown, fields: FieldLike[]) {
    for (const field of fields) {
      const replacement = AS_TEXT.get(field.dataTypeID);
      if (replacement !== undefined) field.dataTypeID = replacement;
    }
    return original.call(this, fields);
  };
  (proto as { __textPatched?: boolean }).__textPatched = true;
}
