/**
 * A minimal protobuf writer (wire format only: varints and length-delimited fields), enough to
 * build ONNX models byte by byte in tests without Python or a model download.
 */

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

/** One encoded field (or several), ready to be concatenated into a message. */
export type Field = Uint8Array;

/** The base-128 varint of a non-negative integer, or of a negative one as 64-bit two's complement. */
export function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

function tag(field: number, wire: number): Uint8Array {
  return varint((field << 3) | wire);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An integer field (int32, int64, enum) in varint encoding. */
export function intField(field: number, value: number | bigint): Field {
  return concat([tag(field, WIRE_VARINT), varint(value)]);
}

/** A bytes field, or an embedded message already encoded. */
export function bytesField(field: number, bytes: Uint8Array): Field {
  return concat([tag(field, WIRE_LEN), varint(bytes.length), bytes]);
}

export function stringField(field: number, text: string): Field {
  return bytesField(field, new TextEncoder().encode(text));
}

/** An embedded message made of the given fields. */
export function messageField(field: number, fields: readonly Field[]): Field {
  return bytesField(field, concat(fields));
}

/** A 32-bit float field (wire type 5, little-endian). */
export function floatField(field: number, value: number): Field {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return concat([tag(field, 5), bytes]);
}
