import { crc32, deflateSync } from 'node:zlib';

/** An RGB colour, 0–255 each. */
export type Rgb = readonly [number, number, number];

/**
 * A small RGB canvas that fills rectangles and discs and writes itself as a PNG: enough for a chart's fallback image
 * without an image library (Word shows it where SVG is not supported).
 */
export class PngRaster {
  private readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  /** Fills the rectangle from (x, y), clipped to the canvas. */
  rect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++) for (let col = x0; col < x1; col++) this.set(col, row, colour);
  }

  /** Fills a disc centred on (cx, cy). */
  disc(cx: number, cy: number, r: number, colour: Rgb): void {
    for (let row = Math.floor(cy - r); row <= Math.ceil(cy + r); row++)
      for (let col = Math.floor(cx - r); col <= Math.ceil(cx + r); col++)
        if ((col - cx) ** 2 + (row - cy) ** 2 <= r * r) this.set(col, row, colour);
  }

  /**
   * Writes a number centred on (cx, cy) in a 3×5 pixel digit font scaled by `scale`: enough for ranks and axis ticks
   * without a font renderer.
   */
  number(value: number, cx: number, cy: number, scale: number, colour: Rgb): void {
    const text = String(Math.round(Math.abs(value)));
    const width = (text.length * 4 - 1) * scale;
    const left = Math.round(cx - width / 2);
    const top = Math.round(cy - (5 * scale) / 2);
    [...text].forEach((digit, i) =>
      DIGITS[Number(digit)].forEach((row, y) => {
        for (let x = 0; x < 3; x++)
          if (row & (4 >> x)) this.rect(left + (i * 4 + x) * scale, top + y * scale, scale, scale, colour);
      }),
    );
  }

  /** The canvas as a PNG file (8-bit RGB, no filtering). */
  toPng(): Buffer {
    const stride = this.width * 3;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let row = 0; row < this.height; row++)
      Buffer.from(this.pixels.buffer, row * stride, stride).copy(raw, row * (stride + 1) + 1);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  private set(col: number, row: number, [r, g, b]: Rgb): void {
    if (col < 0 || row < 0 || col >= this.width || row >= this.height) return;
    const at = (row * this.width + col) * 3;
    this.pixels[at] = r;
    this.pixels[at + 1] = g;
    this.pixels[at + 2] = b;
  }
}

/** Digits 0–9, five rows of three pixels each (bit 4 is the left pixel). */
const DIGITS: readonly (readonly number[])[] = [
  [7, 5, 5, 5, 7],
  [2, 6, 2, 2, 7],
  [7, 1, 7, 4, 7],
  [7, 1, 7, 1, 7],
  [5, 5, 7, 1, 1],
  [7, 4, 7, 1, 7],
  [7, 4, 7, 5, 7],
  [7, 1, 1, 1, 1],
  [7, 5, 7, 5, 7],
  [7, 5, 7, 1, 7],
];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}
