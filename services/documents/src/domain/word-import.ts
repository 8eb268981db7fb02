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
  /** The 主送 the document opens with ("各区县人民政府："), without its colon; not in the body. */
  mainTo: string | null;
  /** The 标题 on the line before it, when the document opens with one; not in the body. */
  title: string | null;
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

/**
 * Control characters (a Word file may carry them, even NUL), the direction overrides a draft's body refuses (common
 * text.ts), and halves of surrogate pairs: no text holds them.
 */
const NOT_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The converted HTML as the body's structure, and what was not kept. */
export function importedBody(converted: string, messages: { type: string; message: string }[]): ImportedBody {
  const notes: ImportNote[] = [];
  const dropped = converted.match(NOT_TEXT)?.length ?? 0;
  const html = dropped ? converted.replace(NOT_TEXT, '') : converted;
  if (dropped) notes.push({ code: 'CONTENT_DROPPED', message: `文档中的控制字符 ${dropped} 个未导入（${dropped} control character(s) dropped）` });
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
  const { title, mainTo, blocks } = opening(parseBody(html));
  if (!blocks.length) notes.push({ code: 'EMPTY', message: '文档中没有可导入的正文（no text to import）' });
  return { body: bodyHtml(blocks), blocks, notes, mainTo, title };
}

/**
 * A 主送 line (GB/T 9704 §7.3.2): the names of the organs addressed, ending with a colon — "各区县人民政府，区政府各
 * 工作部门：", "省人民政府：". It ends with what names an organ or a person, so an opening sentence that ends with a
 * colon ("现将有关事项通知如下：") is not one.
 */
const MAIN_TO =
  /^[^。！？；!?;]{2,200}?(?:政府|部门|单位|机构|机关|委员会|党委|党组|局|厅|委|办|办公室|院|部|处|科|室|中心|公司|集团|企业|同志|学校|会|所|站|队|街道|乡镇|镇|乡|村|区|县|市|省|州|盟|旗)[：:]$/;
/** A 标题 line above it: one line, not ending as a sentence or clause does. */
const TITLE = /^[^。！？；!?;]{4,120}$/;

/**
 * What a Word draft opens with before its text: the 主送 line, and the 标题 above it when there is one. Drafted in
 * Word, a document carries them as paragraphs; here they are the draft's own fields (the print sets them apart), so
 * they are taken out of the body rather than printed twice.
 */
function opening(blocks: BodyBlock[]): { title: string | null; mainTo: string | null; blocks: BodyBlock[] } {
  const text = (i: number) => {
    const b = blocks[i];
    return b?.kind === 'paragraph' ? b.text.trim() : null;
  };
  const [first, second] = [text(0), text(1)];
  if (first && MAIN_TO.test(first)) return { title: null, mainTo: first.slice(0, -1).trim(), blocks: blocks.slice(1) };
  if (first && second && TITLE.test(first) && !/[，,：:、]$/.test(first) && MAIN_TO.test(second))
    return { title: first, mainTo: second.slice(0, -1).trim(), blocks: blocks.slice(2) };
  return { title: null, mainTo: null, blocks };
}
