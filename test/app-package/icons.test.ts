import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { countNotWhiteOnTransparent, iconProblems } from '../../scripts/package-app/icon-checks';
import { decodePng, encodePng, type RgbaImage } from '../../scripts/package-app/png';
import { ROOT } from './project-files';

const icon = (name: string) => readFileSync(path.join(ROOT, 'appPackage', name));

/** Width and height straight from the IHDR chunk, which must follow the 8-byte signature. */
function ihdrSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function image(width: number, height: number, pixel: (x: number, y: number) => number[]): RgbaImage {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, pixels };
}

/** Re-encodes an image's rows with the given PNG filter type, to check that decoding undoes every filter. */
function withFilter(source: RgbaImage, filter: number): Buffer {
  const plain = encodePng(source);
  const stride = source.width * 4;
  const rows = Buffer.alloc((stride + 1) * source.height);
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : source.pixels[y * stride + x]);
  for (let y = 0; y < source.height; y++) {
    rows[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const [left, up, upLeft] = [at(x - 4, y), at(x, y - 1), at(x - 4, y - 1)];
      const p = left + up - upLeft;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft)
          ? left
          : Math.abs(p - up) <= Math.abs(p - upLeft)
            ? up
            : upLeft;
      const predicted = [0, left, up, (left + up) >> 1, paeth][filter];
      rows[y * (stride + 1) + 1 + x] = (at(x, y) - predicted) & 0xff;
    }
  }
  const idat = deflateSync(rows);
  const idatStart = plain.indexOf('IDAT', 0, 'latin1') - 4;
  const chunk = Buffer.alloc(12 + idat.length);
  chunk.writeUInt32BE(idat.length, 0);
  chunk.write('IDAT', 4, 'latin1');
  idat.copy(chunk, 8);
  // decodePng does not check chunk CRCs, so a zero CRC is enough for this test.
  return Buffer.concat([plain.subarray(0, idatStart), chunk, plain.subarray(plain.indexOf('IEND', 0, 'latin1') - 4)]);
}

describe('app icons', () => {
  it('color.png is 192×192 and outline.png is 32×32', () => {
    expect(ihdrSize(icon('color.png'))).toEqual({ width: 192, height: 192 });
    expect(ihdrSize(icon('outline.png'))).toEqual({ width: 32, height: 32 });
    expect(iconProblems('color', 'color.png', icon('color.png'))).toEqual([]);
  });

  it('outline.png is white on transparent only, and not empty', () => {
    const outline = decodePng(icon('outline.png'));
    expect(countNotWhiteOnTransparent(outline)).toBe(0);
    const visible = outline.pixels.filter((_, i) => i % 4 === 3 && outline.pixels[i] > 0).length;
    expect(visible).toBeGreaterThan(50);
    expect(visible).toBeLessThan(32 * 32 - 50);
    expect(iconProblems('outline', 'outline.png', icon('outline.png'))).toEqual([]);
  });

  it('rejects an icon of the wrong size, a non-PNG, and an outline with colour or no transparency', () => {
    expect(iconProblems('outline', 'outline.png', icon('color.png'))).toEqual([
      expect.stringMatching(/192×192.*32×32/),
    ]);
    expect(iconProblems('color', 'color.png', Buffer.from('GIF89a'))).toEqual(['color.png is not a PNG file']);
    const grey = encodePng(image(32, 32, (x) => (x < 16 ? [255, 255, 255, 255] : [128, 128, 128, 255])));
    expect(iconProblems('outline', 'outline.png', grey)).toEqual([
      expect.stringMatching(/512 pixel\(s\).*neither transparent nor white/),
    ]);
  });

  it('decodes every PNG row filter the way it was encoded', () => {
    const source = image(7, 5, (x, y) => [x * 30, y * 50, (x * y * 17) % 256, 255 - x * 20]);
    for (const filter of [0, 1, 2, 3, 4])
      expect(Buffer.from(decodePng(withFilter(source, filter)).pixels)).toEqual(Buffer.from(source.pixels));
  });
});
