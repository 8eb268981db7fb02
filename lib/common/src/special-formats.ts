// GB/T 9704 §10, the special formats, by 文种: which one a document prints in and the words of its banner. Plain code
// with no imports: the documents service's print (gbt9704.ts, print-layout.ts) and the dashboard's sheet
// (web/components/DocumentSheet.tsx, bundled as it is) read the same rule, so a 函 or a 纪要 looks on screen as it
// prints.

/**
 * §10: 函 in the 信函格式, 命令（令） in the 命令格式, 纪要 in the 纪要格式; and a 简报's 刊头 (the standard sets none: the
 * 刊名 in red, its 期号 under it, the 编印单位 and date on a line, a red rule), for a 简报 numbered under a 刊名; one under
 * a 机关代字 prints as any document.
 */
export type SpecialFormat = 'LETTER' | 'ORDER' | 'MINUTES' | 'BRIEFING';

export const specialFormat = (docType: string | undefined, docNumber?: string | null): SpecialFormat | null =>
  docType === '函'
    ? 'LETTER'
    : docType === '命令'
      ? 'ORDER'
      : docType === '纪要'
        ? 'MINUTES'
        : docType === '简报' && briefingHead(docNumber)
          ? 'BRIEFING'
          : null;

/** A 简报's 刊名 and 期号 read from its number, 《新城政务信息》2026年第12期 (documents under a 机关代字: null). */
export function briefingHead(docNumber: string | null | undefined): { title: string; issue: string } | null {
  const m = /^《([^《》]+)》(.+)$/.exec(docNumber ?? '');
  return m ? { title: m[1] as string, issue: m[2] as string } : null;
}

/** The 发文机关标志's text: "…文件"; a letter the unit's name alone (§10.1); an order "…令" (§10.2); minutes "…纪要" (§10.3). */
export function bannerText(orgName: string, format: SpecialFormat | null): string {
  if (format === 'LETTER') return orgName;
  if (format === 'ORDER') return `${orgName}令`;
  if (format === 'MINUTES') return `${orgName}纪要`;
  return `${orgName}文件`;
}
