// Word import as plain rules: what a .docx's conversion (mammoth's HTML and its messages, app/word-import.ts) becomes
// in the body's structure (body.ts), and what could not be kept, told to the drafter in Chinese with a stable code.
import { type BodyBlock, bodyHtml, parseBody } from './body.ts';

export interface ImportNote {
  /** IMAGE_DROPPED, STYLE_UNKNOWN, CONTENT_DROPPED, EMPTY */
  code: string;
  message: string;
}

export interface ImportedBody {
  body: string;
  blocks: BodyBlock[];
  notes: ImportNote[];
}

/** A .docx is a zip: its first bytes are PK\x03\x04. */
export const looksLikeDocx = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Word's heading styles, in English (Word, WPS's .docx export) and Chinese (a Chinese Word's built-in names), as
 * mammoth's style map: headings by their level; 标题 (the document's title style) is not part of the body.
 */
export const WORD_STYLE_MAP = [
  ...[1, 2, 3, 4].flatMap((n) => [`p[style-name='heading ${n}'] => h${n}:fresh`, `p[style-name='标题 ${n}'] => h${n}:fresh`]),
  "p[style-name='Title'] => !",
  "p[style-name='标题'] => !",
];

/** The converted HTML as the body's structure, and what was not kept. */
export function importedBody(html: string, messages: { type: string; message: string }[]): ImportedBody {
  const notes: ImportNote[] = [];
  const images = (html.match(/<img\b/gi) ?? []).length;
  if (images) notes.push({ code: 'IMAGE_DROPPED', message: `图片 ${images} 张未导入：正文不含图片，请作为附件上传（${images} image(s) not imported）` });
  const styles = new Set<string>();
  for (const m of messages) {
    const style = /Unrecognised (?:paragraph|run) style: '([^']*)'/.exec(m.message)?.[1];
    if (style) styles.add(style);
    else if (m.type === 'warning' || m.type === 'error') notes.push({ code: 'CONTENT_DROPPED', message: `未能保留的内容：${m.message}` });
  }
  if (styles.size) {
    notes.push({
      code: 'STYLE_UNKNOWN',
      message: `以下样式未保留，按正文段落导入：${[...styles].join('、')}（styles kept as plain paragraphs）`,
    });
  }
  const blocks = parseBody(html);
  if (!blocks.length) notes.push({ code: 'EMPTY', message: '文档中没有可导入的正文（no text to import）' });
  return { body: bodyHtml(blocks), blocks, notes };
}
