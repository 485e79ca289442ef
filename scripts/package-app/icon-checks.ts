import { decodePng, readPngHeader, type RgbaImage } from './png';

/** The icon sizes Teams requires, by manifest icon key. */
export const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 } as const;
export type IconKind = keyof typeof ICON_SIZES;

/** Problems with one icon file: not a PNG, the wrong size, or (outline) anything but white on transparent. */
export function iconProblems(kind: IconKind, fileName: string, png: Buffer): string[] {
  let header;
  try {
    header = readPngHeader(png);
  } catch {
    return [`${fileName} is not a PNG file`];
  }
  const size = ICON_SIZES[kind];
  if (header.width !== size || header.height !== size) {
    return [
      `${fileName} is ${header.width}×${header.height}; Teams needs the ${kind} icon to be ${size}×${size} pixels`,
    ];
  }
  if (kind !== 'outline') return [];
  let image: RgbaImage;
  try {
    image = decodePng(png);
  } catch (error) {
    return [`${fileName}: ${(error as Error).message} (the outline icon needs transparency)`];
  }
  const offending = countNotWhiteOnTransparent(image);
  return offending === 0
    ? []
    : [
        `${fileName} has ${offending} pixel(s) that are neither transparent nor white; Teams needs a white outline on a transparent background`,
      ];
}

/** Pixels that are visible (alpha > 0) but not pure white: an outline icon may hold only white, at any opacity. */
export function countNotWhiteOnTransparent(image: RgbaImage): number {
  let count = 0;
  for (let i = 0; i < image.pixels.length; i += 4) {
    const [r, g, b, a] = image.pixels.subarray(i, i + 4);
    if (a > 0 && (r !== 255 || g !== 255 || b !== 255)) count++;
  }
  return count;
}
