/**
 * A small PNG built byte by byte (signature, IHDR, one zlib-compressed IDAT, IEND), so the demo
 * bucket has an image for `StorageObject.image` without a binary file in the repository.
 */
import { deflateSync } from 'node:zlib';

/** CRC-32 (IEEE, as PNG chunks use it) of `bytes`. Why not `zlib.crc32`: it needs Node ≥ 20.15. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An RGB PNG of `width` × `height` with a diagonal gradient. Throws `RangeError` unless both are
 * integers from 1 to 4096.
 */
export function gradientPng(width: number, height: number): Buffer {
  for (const [name, value] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 4096) throw new RangeError(`${name} must be an integer from 1 to 4096; received ${value}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const at = y * row + 1 + x * 3;
      raw[at] = Math.round((255 * x) / Math.max(1, width - 1));
      raw[at + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      raw[at + 2] = 0xab;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
