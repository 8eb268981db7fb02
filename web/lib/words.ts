// Where a line of Chinese may turn without cutting a word: the browser's word segmentation (Intl.Segmenter, ICU's
// dictionary, as the print's line breaker uses on the server: documents' gbt9704.ts). A title on the screen turns
// between words as its print does (GB/T 9704 §7.3.1: 回行时，要做到词意完整), not wherever the column ends.

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** The text in its words, in order; joined they are the text again. Without a segmenter, one piece. */
export function wordsOf(text: string): string[] {
  if (!segmenter) return [text];
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
