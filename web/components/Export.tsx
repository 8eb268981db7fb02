'use client';
// 导出 CSV / 导出 XLSX beside every table the dashboard offers for export: one pair of buttons, one source of rows
// (`table`, called at the moment of the click, so the file holds what the filter shows), the file named by `base`.
// Each export is recorded in the audit log first (recordExport): the file is made here, and the server sees nothing of
// it otherwise. An export the log could not record is not handed over.
import { usePathname } from 'next/navigation';
import { gql } from '../lib/client';
import { handOver } from '../lib/files';
import { useAction } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { type SheetFormat, type Table, tableBlob, tableFile } from '../lib/sheet';
import { exportedTable } from './admin/audit-words';
import { ErrorNote } from './ui';

export function ExportButtons({ base, table, disabled }: { base: string; table: () => Table | Promise<Table>; disabled?: boolean }) {
  const t = useT();
  const act = useAction();
  const path = usePathname();
  const save = (format: SheetFormat) =>
    void act.run(async () => {
      const tab = await table();
      await gql('RecordExport', { what: `${exportedTable(path)}.${format}`, rows: tab.rows.length });
      handOver(await tableBlob(tab, format), tableFile(base, format));
    });
  return (
    <>
      <button type="button" disabled={disabled || act.busy} onClick={() => save('csv')}>
        {t('导出 CSV')}
      </button>
      <button type="button" disabled={disabled || act.busy} onClick={() => save('xlsx')} title={t('Excel 工作簿，可在 Excel 或 WPS 中打开')}>
        {t('导出 XLSX')}
      </button>
      <ErrorNote error={act.error} />
    </>
  );
}
