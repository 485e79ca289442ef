/**
 * Draws the app's two icons, a compass, and writes them to appPackage/ (run once after a design change:
 * `npm run build && node lib/scripts/package-app/draw-icons.js`). The PNGs are committed; an organisation can
 * replace them with its own, and packaging checks their sizes and the outline's colours whoever drew them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png';

type Rgb = readonly [number, number, number];
type Shape = (x: number, y: number) => boolean;

/** The manifest's accentColor: the colour icon's background. */
export const ACCENT: Rgb = [0x1e, 0x5b, 0x8a];
const WHITE: Rgb = [255, 255, 255];
const AMBER: Rgb = [0xf5, 0xb7, 0x31];
/** Samples per pixel side: edges are anti-aliased by averaging 4 × 4 samples. */
const SUPERSAMPLE = 4;

const ring =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= outer && d >= inner;
  };
const disc = (cx: number, cy: number, r: number): Shape => ring(cx, cy, r, 0);
const rhombus =
  (cx: number, cy: number, halfWidth: number, halfHeight: number): Shape =>
  (x, y) =>
    Math.abs(x - cx) / halfWidth + Math.abs(y - cy) / halfHeight <= 1;
const above =
  (shape: Shape, limit: number): Shape =>
  (x, y) =>
    y < limit && shape(x, y);

/** 192 × 192: a white compass ring and a needle pointing north in amber, on the accent colour. */
export function drawColorIcon(): RgbaImage {
  const size = 192;
  const c = size / 2;
  const needle = rhombus(c, c, 12, 36);
  const layers: Array<[Shape, Rgb]> = [
    [ring(c, c, 48, 39), WHITE],
    [needle, WHITE],
    [above(needle, c), AMBER],
    [disc(c, c, 4.5), ACCENT],
  ];
  return render(size, (x, y) => layers.reduce<Rgb>((colour, [shape, fill]) => (shape(x, y) ? fill : colour), ACCENT));
}

/** 32 × 32: the same compass in white on a transparent background, as Teams wants outline icons. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const c = size / 2;
  const compass: Shape = (x, y) =>
    (ring(c, c, 15, 13)(x, y) || rhombus(c, c, 4.5, 11.5)(x, y)) && !disc(c, c, 1.6)(x, y);
  return render(size, (x, y) => (compass(x, y) ? WHITE : undefined));
}

/** Averages the samples of each pixel; an undefined sample is transparent. */
function render(size: number, colourAt: (x: number, y: number) => Rgb | undefined): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let s = 0; s < samples; s++) {
        const colour = colourAt(
          px + ((s % SUPERSAMPLE) + 0.5) / SUPERSAMPLE,
          py + (Math.floor(s / SUPERSAMPLE) + 0.5) / SUPERSAMPLE,
        );
        if (!colour) continue;
        covered++;
        colour.forEach((value, i) => (sum[i] += value));
      }
      if (covered > 0) {
        const rgba = [...sum.map((value) => Math.round(value / covered)), Math.round((covered / samples) * 255)];
        pixels.set(rgba, (py * size + px) * 4);
      }
    }
  }
  return { width: size, height: size, pixels };
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', '..', '..', 'appPackage');
  writeFileSync(path.join(dir, 'color.png'), encodePng(drawColorIcon()));
  writeFileSync(path.join(dir, 'outline.png'), encodePng(drawOutlineIcon()));
  process.stdout.write(`Wrote color.png and outline.png to ${dir}\n`);
}
