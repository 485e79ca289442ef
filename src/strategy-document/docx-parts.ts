import {
  ExternalHyperlink,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';

/** What a document's body is made of: paragraphs and tables, in order. */
export type Block = FileChild;

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** A heading in Word's built-in style (Heading 1–3), so the navigation pane and a table of contents find it. */
export function heading(text: string, level: 1 | 2 | 3 = 1): Paragraph {
  return new Paragraph({ heading: LEVELS[level], children: [new TextRun(text)] });
}

/** A plain paragraph; user text goes in as text runs, never as markup. */
export function paragraph(text: string, options: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, ...options })] });
}

/** A short note in italics (what is left out and why). */
export function note(text: string): Paragraph {
  return paragraph(text, { italics: true });
}

/** A label in bold followed by its text, e.g. "Stage: Planning". */
export function labelled(label: string, text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)] });
}

/** One paragraph per item, as a bulleted list. */
export function bullets(items: readonly string[]): Paragraph[] {
  return items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
}

/** A bulleted link (e.g. the pack's next steps), with its address in brackets for print. */
export function linkBullet(title: string, url: string): Paragraph {
  return new Paragraph({
    bullet: { level: 0 },
    children: [
      new ExternalHyperlink({ link: url, children: [new TextRun({ text: title, style: 'Hyperlink' })] }),
      new TextRun(` (${url})`),
    ],
  });
}

/**
 * A table whose first row is a header row (repeated on each page, read as headers by screen readers); every row has
 * as many cells as the header.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[], isHeader: boolean) =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: header.map(
        (_, i) =>
          new TableCell({
            children: [new Paragraph({ children: [new TextRun({ text: cells[i] ?? '', bold: isHeader })] })],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((cells) => row(cells, false))],
  });
}

/** "1 person", "3 people". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
