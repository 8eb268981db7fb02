'use client';
// The person's own identity-certificate key, read from its file, for a record they sign themselves beside their unit
// (a 签收 receipt, an approval or 签发; seed 003 §3: a signature given online counts as handwritten). Optional: without
// it the unit's key alone signs. The key stays in the browser (lib/keys.ts signs with it).
import { useT } from '../lib/i18n';

export function OwnKeyField({ label, onKey }: { label: string; onKey: (keyText: string) => void }) {
  const t = useT();
  return (
    <label className="field">
      <span>{t(label)}</span>
      <input
        type="file"
        data-testid="own-key"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then(onKey);
          else onKey('');
        }}
      />
    </label>
  );
}
