import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from './crc32';

/** An 8-bit RGBA image: `pixels` holds width × height × 4 bytes, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** What the IHDR chunk says about a PNG. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_RGBA = 6;
const COLOR_GRAY_ALPHA = 4;
const COLOR_PALETTE = 3;
const CHANNELS: Record<number, number> = { [COLOR_RGBA]: 4, [COLOR_GRAY_ALPHA]: 2, [COLOR_PALETTE]: 1 };

/** Encodes an RGBA image as a PNG (filter 0 on every row: small icons compress well enough without it). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, COLOR_RGBA, 0, 0, 0], 8);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads the IHDR chunk; throws when the bytes are not a PNG. */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png[24],
    colorType: png[25],
    interlaced: png[28] !== 0,
  };
}

/** Decodes a non-interlaced 8-bit RGBA, grey + alpha or palette PNG: the kinds that can carry transparency. */
export function decodePng(png: Buffer): RgbaImage {
  const header = readPngHeader(png);
  const channels = CHANNELS[header.colorType];
  if (header.bitDepth !== 8 || header.interlaced || channels === undefined) {
    throw new Error('unsupported PNG format: save it as a non-interlaced 8-bit RGBA PNG');
  }
  const { data, palette, alphas } = readChunks(png);
  const raw = unfilter(inflateSync(data), header.width, header.height, channels);
  const pixels = new Uint8Array(header.width * header.height * 4);
  for (let i = 0; i < header.width * header.height; i++) {
    const at = i * channels;
    if (header.colorType === COLOR_RGBA) pixels.set(raw.subarray(at, at + 4), i * 4);
    else if (header.colorType === COLOR_GRAY_ALPHA) pixels.set([raw[at], raw[at], raw[at], raw[at + 1]], i * 4);
    else pixels.set([...palette.subarray(raw[at] * 3, raw[at] * 3 + 3), alphas[raw[at]] ?? 255], i * 4);
  }
  return { width: header.width, height: header.height, pixels };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function readChunks(png: Buffer): { data: Buffer; palette: Buffer; alphas: Buffer } {
  const data: Buffer[] = [];
  let palette: Buffer = Buffer.alloc(0);
  let alphas: Buffer = Buffer.alloc(0);
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') data.push(body);
    if (type === 'PLTE') palette = body;
    if (type === 'tRNS') alphas = body;
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return { data: Buffer.concat(data), palette, alphas };
}

/** Reverses the per-row PNG filters (none, sub, up, average, Paeth). */
function unfilter(filtered: Buffer, width: number, height: number, bytesPerPixel: number): Buffer {
  const stride = width * bytesPerPixel;
  if (filtered.length < (stride + 1) * height) throw new Error('PNG image data is truncated');
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const byte = filtered[y * (stride + 1) + 1 + x];
      const left = x >= bytesPerPixel ? out[y * stride + x - bytesPerPixel] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = x >= bytesPerPixel && y > 0 ? out[(y - 1) * stride + x - bytesPerPixel] : 0;
      out[y * stride + x] = (byte + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      throw new Error(`PNG row filter ${filter} is not valid`);
  }
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [dl, du, dul] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  if (dl <= du && dl <= dul) return left;
  return du <= dul ? up : upLeft;
}
