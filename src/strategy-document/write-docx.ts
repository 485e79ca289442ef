import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, TableOfContents, TextRun } from 'docx';
import type { Block } from './docx-parts';

/** The first page: a title in Word's Title style, a subtitle, and a few lines (date, participation). */
export interface TitlePage {
  title: string;
  subtitle: string;
  lines: string[];
}

/** The content type of a .docx file. */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Writes a Word document: the title page, a table of contents of Heading 1–3 (filled in from the headings, so it is
 * not empty before Word updates it), then the body.
 */
export async function writeDocx(
  titlePage: TitlePage,
  body: readonly Block[],
  options: { toc: boolean },
): Promise<Buffer> {
  const cover = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(titlePage.title)] }),
    new Paragraph({ style: 'Subtitle', children: [new TextRun(titlePage.subtitle)] }),
    ...titlePage.lines.map((line) => new Paragraph({ children: [new TextRun(line)] })),
  ];
  const contents = options.toc
    ? [
        new Paragraph({ children: [new PageBreak()] }),
        new Paragraph({
          alignment: AlignmentType.LEFT,
          children: [new TextRun({ text: 'Contents', bold: true, size: 28 })],
        }),
        new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }),
        new Paragraph({ children: [new PageBreak()] }),
      ]
    : [];
  const document = new Document({
    title: titlePage.title,
    subject: titlePage.subtitle,
    creator: 'Strategy Guide',
    description: 'Generated from anonymised summary figures; nothing below the anonymity thresholds.',
    features: { updateFields: options.toc },
    sections: [{ children: [...cover, ...contents, ...body] }],
  });
  return Packer.toBuffer(document);
}
