/**
 * Compact integer encodings for the artifact. JSON number arrays parse slowly (tens of ms per million
 * numbers); base64 strings parse at memory speed and decode into typed arrays on demand.
 */

/** Encodes non-negative integers as a base64 Int32Array image. */
export function packInt32(values: readonly number[]): string {
  return Buffer.from(Int32Array.from(values).buffer).toString('base64');
}

/** Decodes {@link packInt32}. */
export function unpackInt32(packed: string): Int32Array {
  const bytes = Buffer.from(packed, 'base64');
  // Copy into an aligned buffer: a Buffer may sit at any offset in Node's pool.
  const out = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Encodes an ascending list of non-negative integers as base64 of LEB128 varint deltas. */
export function packAscending(values: readonly number[]): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const value of values) {
    let delta = value - previous;
    previous = value;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  return Buffer.from(bytes).toString('base64');
}

/** Decodes {@link packAscending}. */
export function unpackAscending(packed: string): Int32Array {
  const bytes = Buffer.from(packed, 'base64');
  const out = new Int32Array(bytes.length);
  let n = 0;
  let value = 0;
  let shift = 0;
  let delta = 0;
  for (const byte of bytes) {
    delta |= (byte & 0x7f) << shift;
    if (byte & 0x80) {
      shift += 7;
    } else {
      value += delta;
      out[n++] = value;
      delta = 0;
      shift = 0;
    }
  }
  return out.subarray(0, n);
}
