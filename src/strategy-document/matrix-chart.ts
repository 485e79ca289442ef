import { MATRIX_SPLIT } from '../portfolio/portfolio-figures';
import { PngRaster, type Rgb } from './png-raster';

/** A ranked group of ideas on the matrix: its rank in the table, its means (1–5) and the people behind it. */
export interface MatrixPoint {
  rank: number;
  value: number;
  feasibility: number;
  people: number;
}

/** The value/feasibility matrix as an SVG with a PNG fallback (same drawing, numbers but no words) and its alt text. */
export interface MatrixChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
  title: string;
  description: string;
}

const WIDTH = 600;
const HEIGHT = 450;
const PLOT = { left: 60, top: 20, right: 580, bottom: 390 };
const QUADRANTS: { name: string; highValue: boolean; highFeasibility: boolean; fill: Rgb }[] = [
  { name: 'Quick wins', highValue: true, highFeasibility: true, fill: [220, 239, 220] },
  { name: 'Big bets', highValue: true, highFeasibility: false, fill: [219, 232, 246] },
  { name: 'Fill-ins', highValue: false, highFeasibility: true, fill: [250, 242, 212] },
  { name: 'Rethink', highValue: false, highFeasibility: false, fill: [236, 236, 236] },
];
const BUBBLE: Rgb = [31, 94, 160];
const AXIS: Rgb = [90, 90, 90];

/** Scale 1–5 onto the plot, with half a step to spare at each end so a bubble at 1 or 5 stays inside. */
const xOf = (feasibility: number) => PLOT.left + ((feasibility - 0.5) / 5) * (PLOT.right - PLOT.left);
const yOf = (value: number) => PLOT.bottom - ((value - 0.5) / 5) * (PLOT.bottom - PLOT.top);

/** Bigger for more people, within bounds, so one large group does not cover the others. */
function radius(people: number, most: number): number {
  return 8 + 14 * Math.sqrt(people / Math.max(1, most));
}

/** The matrix of the ranked groups that have both means (the rest are not rated enough to place). */
export function matrixChart(points: readonly MatrixPoint[]): MatrixChart {
  const most = Math.max(1, ...points.map((point) => point.people));
  const split = { x: xOf(MATRIX_SPLIT), y: yOf(MATRIX_SPLIT) };
  const areas = QUADRANTS.map((quadrant) => ({
    ...quadrant,
    x: quadrant.highFeasibility ? split.x : PLOT.left,
    y: quadrant.highValue ? PLOT.top : split.y,
    w: quadrant.highFeasibility ? PLOT.right - split.x : split.x - PLOT.left,
    h: quadrant.highValue ? split.y - PLOT.top : PLOT.bottom - split.y,
  }));
  // Smaller bubbles drawn last, so they stay visible on top of larger ones.
  const drawn = [...points].sort((a, b) => b.people - a.people || a.rank - b.rank);
  const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const ticks = [1, 2, 3, 4, 5];
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Segoe UI, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...areas.map(
      (area) =>
        `<rect x="${area.x}" y="${area.y}" width="${area.w}" height="${area.h}" fill="${hex(area.fill)}"/>` +
        `<text x="${area.x + 8}" y="${area.y + 20}" font-size="14" fill="#404040">${area.name}</text>`,
    ),
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="${hex(AXIS)}"/>`,
    ...ticks.map(
      (tick) =>
        `<text x="${xOf(tick)}" y="${PLOT.bottom + 18}" font-size="12" text-anchor="middle">${tick}</text>` +
        `<text x="${PLOT.left - 10}" y="${yOf(tick) + 4}" font-size="12" text-anchor="end">${tick}</text>`,
    ),
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 12}" font-size="13" text-anchor="middle">Feasibility (mean rating, 1–5)</text>`,
    `<text x="16" y="${(PLOT.top + PLOT.bottom) / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 16 ${(PLOT.top + PLOT.bottom) / 2})">Value (mean rating, 1–5)</text>`,
    ...drawn.map((point) => {
      const x = xOf(point.feasibility).toFixed(1);
      const y = yOf(point.value).toFixed(1);
      return (
        `<circle cx="${x}" cy="${y}" r="${radius(point.people, most).toFixed(1)}" fill="${hex(BUBBLE)}" fill-opacity="0.8" stroke="#ffffff"/>` +
        `<text x="${x}" y="${(Number(y) + 4).toFixed(1)}" font-size="12" fill="#ffffff" text-anchor="middle">${point.rank}</text>`
      );
    }),
    '</svg>',
  ].join('');
  const raster = new PngRaster(WIDTH, HEIGHT);
  for (const area of areas) raster.rect(area.x, area.y, area.w, area.h, area.fill);
  raster.rect(PLOT.left, PLOT.top, PLOT.right - PLOT.left, 1, AXIS);
  raster.rect(PLOT.left, PLOT.bottom, PLOT.right - PLOT.left, 1, AXIS);
  raster.rect(PLOT.left, PLOT.top, 1, PLOT.bottom - PLOT.top, AXIS);
  raster.rect(PLOT.right, PLOT.top, 1, PLOT.bottom - PLOT.top + 1, AXIS);
  for (const tick of ticks) {
    raster.number(tick, xOf(tick), PLOT.bottom + 14, 2, AXIS);
    raster.number(tick, PLOT.left - 14, yOf(tick), 2, AXIS);
  }
  for (const point of drawn) {
    raster.disc(xOf(point.feasibility), yOf(point.value), radius(point.people, most), BUBBLE);
    raster.number(point.rank, xOf(point.feasibility), yOf(point.value), 2, [255, 255, 255]);
  }
  return {
    svg,
    png: raster.toPng(),
    width: WIDTH,
    height: HEIGHT,
    title: 'Use cases by value and feasibility',
    description: altText(points),
  };
}

/** What the chart shows, in words: which ranked groups sit in each quadrant (the table lists them by rank). */
function altText(points: readonly MatrixPoint[]): string {
  if (points.length === 0) return 'A value/feasibility matrix with no group of ideas rated by enough people yet.';
  const per = QUADRANTS.map((quadrant) => {
    const inside = points
      .filter(
        (point) =>
          point.value >= MATRIX_SPLIT === quadrant.highValue &&
          point.feasibility >= MATRIX_SPLIT === quadrant.highFeasibility,
      )
      .map((point) => point.rank);
    return `${quadrant.name}: ${inside.length === 0 ? 'none' : `${inside.length} (ranks ${inside.join(', ')})`}`;
  });
  return `Bubble chart of ${points.length} groups of ideas by mean feasibility (across) and mean value (up), 1 to 5, split at ${MATRIX_SPLIT}; bubble size is the number of people, the number in a bubble is the group's rank in the table. ${per.join('; ')}.`;
}
