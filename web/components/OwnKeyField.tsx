'use client';
// A key file chosen for a signature made in the browser (certificate login; a 签收 receipt, an approval or 签发 signed
// beside the unit, seed 003 §3: a signature given online counts as handwritten). The platform's .p12 asks for its
// 保护口令 here; a PEM or SM2 hex key file needs none. The key stays in the browser (lib/keys.ts signs with it).
import { useEffect, useState } from 'react';
import { useT } from '../lib/i18n';
import { isPkcs12, type KeyFile } from '../lib/key-files';

export function KeyFileField({
  label,
  name,
  testId,
  required,
  onKey,
}: {
  label: string;
  name?: string;
  testId?: string;
  required?: boolean;
  onKey: (key: KeyFile | null) => void;
}) {
  const t = useT();
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [password, setPassword] = useState('');
  const pkcs12 = bytes !== null && isPkcs12(bytes);
  useEffect(() => onKey(bytes ? { bytes, ...(pkcs12 ? { password } : {}) } : null), [bytes, password, pkcs12, onKey]);
  return (
    <>
      <label className="field">
        <span>{t(label)}</span>
        <input
          type="file"
          name={name}
          data-testid={testId}
          required={required}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.arrayBuffer().then((b) => setBytes(new Uint8Array(b)));
            else setBytes(null);
          }}
        />
      </label>
      {pkcs12 && (
        <label className="field">
          <span>{t('.p12 文件的保护口令（领取密钥时设置）')}</span>
          <input type="password" name="keyPassword" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
      )}
    </>
  );
}

/** The person's own identity-certificate key, optional: without it the unit's key alone signs. */
export function OwnKeyField({ label, onKey }: { label: string; onKey: (key: KeyFile | null) => void }) {
  return <KeyFileField label={label} testId="own-key" onKey={onKey} />;
}
