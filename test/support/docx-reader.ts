import { strFromU8, unzipSync } from 'fflate';

/** A paragraph of the body: its style (e.g. Heading1) and its text. */
export interface DocxParagraph {
  style: string;
  text: string;
}

/** What a test reads back from a .docx: its parts, the body's paragraphs and tables, and all of its text. */
export interface ReadDocx {
  parts: Record<string, string>;
  paragraphs: DocxParagraph[];
  /** Each table as rows of cell texts; `headerRows` counts rows marked as header rows. */
  tables: { rows: string[][]; headerRows: number }[];
  headings: (level: 1 | 2 | 3) => string[];
  text: string;
}

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const textOf = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/**
 * Unzips the file (fflate, which docx itself uses) and reads word/document.xml with regular expressions: enough for
 * the documents this project writes, not a general OOXML reader.
 */
export function readDocx(bytes: Uint8Array): ReadDocx {
  const files = unzipSync(bytes);
  const parts = Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
  const body = parts['word/document.xml'] ?? '';
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? '',
    text: textOf(xml),
  }));
  const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([xml]) => {
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => row);
    return {
      rows: rows.map((row) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => textOf(cell))),
      headerRows: rows.filter((row) => /<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1|on)"\/>/.test(row)).length,
    };
  });
  return {
    parts,
    paragraphs,
    tables,
    headings: (level) => paragraphs.filter((p) => p.style === `Heading${level}`).map((p) => p.text),
    text: paragraphs.map((p) => p.text).join('\n'),
  };
}
