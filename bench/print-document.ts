// The document bench/print.ts and bench/ofd.ts render (issue 18): a 10-page body of 70 paragraphs with 一、 and （一）
// headings, and 3 attachments (two described, one plain text printed) — 14 pages laid out on GB/T 9704's grid.

export const paragraph = (i: number) =>
  `${i % 6 === 0 ? `${'一二三四五六七八九十'[(i / 6) % 10]}、总体要求。` : i % 6 === 1 ? '（一）明确职责。' : ''}各单位要全面贯彻落实关于电子公文传输的各项要求，切实提高公文处理质量和效率，每个工作日9:00和15:00各查收一次，确保各项工作落到实处，取得实效。`;
// About ten pages of body: 22 lines a page, three lines a paragraph.
export const bodyText = Array.from({ length: 70 }, (_, i) => paragraph(i)).join('\n');
export const printDocument = {
  orgName: '陕西省人民政府办公厅',
  docType: '通知',
  docNumber: '陕政办发〔2026〕27号',
  title: '陕西省人民政府办公厅关于切实做好电子公文传输工作的通知',
  mainTo: '各设区市人民政府，省人民政府各工作部门、各直属机构',
  ccTo: '省委办公厅，省人大常委会办公厅，省政协办公厅，省纪委监委',
  bodyText,
  signatureLine: '陕西省人民政府办公厅',
  docDate: '2026-11-30',
  notes: '此件公开发布',
  printingOrg: '陕西省人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'URGENT',
  signer: null,
  stamped: true,
  attachments: [
    { name: '电子公文传输单位名单.pdf', size: 320_000, contentType: 'application/pdf', sha256: 'a'.repeat(64) },
    { name: '联系人.txt', size: 600, contentType: 'text/plain', sha256: 'b'.repeat(64), text: paragraph(3).repeat(4) },
    { name: '操作手册.docx', size: 1_200_000, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sha256: 'c'.repeat(64) },
  ],
};
