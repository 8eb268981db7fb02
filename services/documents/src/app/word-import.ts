// Word import (issue 18): a drafter brings the text of a .docx (Word's, or WPS's .docx export) into a draft's body.
// mammoth reads the document into simple HTML; domain/word-import.ts turns that into the body's structure and says
// what could not be kept. Nothing is stored: the drafter sees the body and the notes and saves the draft as usual.
import { badInput, type Caller, ErrorCode, hasRole, YizhanError } from '@yizhan/common';
import { unzipSync } from 'fflate';
import { type ImportedBody, importedBody, looksLikeDocx, WORD_STYLE_MAP } from '../domain/word-import.ts';

/** The most a .docx may unpack to (its text, styles and pictures together). */
export const MAX_UNPACKED = 64 * 1024 * 1024;

const unreadable = () => badInput('The file is not a readable .docx document', 'file', { zh: '文件无法作为 .docx 文档读取（可能已损坏，或并非 Word 文档）' });

export async function importWordBody(caller: Caller, bytes: Buffer): Promise<ImportedBody> {
  if (!hasRole(caller, 'DRAFTER')) throw new YizhanError(ErrorCode.FORBIDDEN, 'Word drafts are imported by drafters', { requiredRoles: ['DRAFTER'] });
  if (!looksLikeDocx(bytes))
    throw badInput('Only .docx files are imported (Word 2007 or later, or WPS saved as .docx); save a .doc or .wps as .docx first', 'file', {
      zh: '只能导入 .docx 文件（Word 2007 及以上，或 WPS 另存为 .docx）；.doc 或 .wps 文件请先另存为 .docx',
    });
  // A .docx is read whole into memory: one that unpacks to more than MAX_UNPACKED (a zip bomb, or a document of
  // scanned pages) is refused before mammoth opens it. The sizes come from the zip's directory; nothing is inflated.
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        return false;
      },
    });
  } catch {
    throw unreadable();
  }
  if (unpacked > MAX_UNPACKED)
    throw badInput(`The document unpacks to ${Math.ceil(unpacked / 1024 / 1024)} MB; Word drafts are imported up to ${MAX_UNPACKED / 1024 / 1024} MB`, 'file', {
      zh: `文档解压后有 ${Math.ceil(unpacked / 1024 / 1024)} MB，可导入的 Word 文稿最大 ${MAX_UNPACKED / 1024 / 1024} MB（可删去其中的扫描图片后再导入）`,
    });
  // Loaded at the first import, not with the service: about a hundred modules only a drafter's import needs. Outside
  // the try: a mammoth that cannot load is the server's fault, not the file's.
  const { default: mammoth } = await import('mammoth');
  let converted: { value: string; messages: { type: string; message: string }[] };
  try {
    converted = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: WORD_STYLE_MAP });
  } catch {
    throw unreadable();
  }
  return importedBody(converted.value, converted.messages);
}
