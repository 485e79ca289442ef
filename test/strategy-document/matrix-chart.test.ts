import { crc32, inflateSync } from 'node:zlib';
import { matrixChart } from '../../src/strategy-document/matrix-chart';

/** The PNG's chunks, each checked against its CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const found: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    found.push({ type, data });
    at += 12 + length;
  }
  return found;
}

describe('the value/feasibility matrix picture', () => {
  const points = [
    { rank: 1, value: 4.5, feasibility: 4.2, people: 12 },
    { rank: 2, value: 4.8, feasibility: 1.9, people: 6 },
    { rank: 3, value: 2.1, feasibility: 4.4, people: 5 },
  ];
  const chart = matrixChart(points);

  it('draws a bubble per ranked group, labelled by its rank only, and says in its alt text which sit where', () => {
    expect(chart.svg.match(/<circle /g)).toHaveLength(3);
    for (const rank of ['1', '2', '3']) expect(chart.svg).toContain(`text-anchor="middle">${rank}</text>`);
    expect(chart.description).toContain(
      'Quick wins: 1 (ranks 1); Big bets: 1 (ranks 2); Fill-ins: 1 (ranks 3); Rethink: none',
    );
    expect(matrixChart([]).description).toContain('no group of ideas rated by enough people yet');
  });

  it('has a PNG fallback of the same size with valid chunks and the bubbles where the SVG has them', () => {
    expect(chart.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [header, ...rest] = chunks(chart.png);
    expect(header.type).toBe('IHDR');
    expect([header.data.readUInt32BE(0), header.data.readUInt32BE(4)]).toEqual([chart.width, chart.height]);
    expect(rest.map((chunk) => chunk.type)).toEqual(['IDAT', 'IEND']);
    const raw = inflateSync(rest[0].data);
    expect(raw.length).toBe((chart.width * 3 + 1) * chart.height);
    const circle = /<circle cx="([\d.]+)" cy="([\d.]+)"/.exec(chart.svg) as RegExpExecArray;
    const [x, y] = [Math.round(Number(circle[1])), Math.round(Number(circle[2]))];
    const pixel = (px: number, py: number) => {
      const at = py * (chart.width * 3 + 1) + 1 + px * 3;
      return [...raw.subarray(at, at + 3)];
    };
    // The bubble, with its rank written in white in the middle (the first bubble drawn is rank 1's).
    expect(pixel(x + 7, y)).toEqual([31, 94, 160]);
    expect(pixel(x, y)).toEqual([255, 255, 255]);
  });
});
