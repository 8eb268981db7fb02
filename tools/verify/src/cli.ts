// The command line: yizhan-verify <package.zip> [--root root.cer …] [--json]. One line per verdict, Chinese then
// English; exit 0 when every item holds, 1 on any failure, 2 when the package cannot be read at all.
import fs from 'node:fs';
import { fromPem, readCertificate, verifyPackage } from '@yizhan/crypto';

const USAGE = 'usage: yizhan-verify <package.zip> [--root <root certificate, DER or PEM>]… [--json]';

function readRoot(file: string): Uint8Array {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const text = Buffer.from(bytes).toString('latin1');
  return text.includes('-----BEGIN CERTIFICATE-----') ? (fromPem(text, 'CERTIFICATE') as Uint8Array) : bytes;
}

/** Why a certificate given as --root is not one (an issuing CA's or the TSA's, of the eight caCertificates lists), or null. */
function notARoot(file: string, der: Uint8Array): string | null {
  try {
    const c = readCertificate(der);
    if (c.subject === c.issuer) return null;
    return `${file} 不是根证书（由 ${c.issuer} 签发）：请用平台 caCertificates 中的根证书（ROOT）\n${file} is not a root certificate (issued by ${c.issuer}): give the platform's ROOT certificates from caCertificates`;
  } catch {
    return `${file} 不是证书 / ${file} is not a certificate`;
  }
}

export async function main(args: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const roots: Uint8Array[] = [];
  let file: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--json') json = true;
    else if (a === '--root') {
      const name = args[++i] ?? '';
      const root = readRoot(name);
      const problem = notARoot(name, root);
      if (problem) {
        out(problem);
        return 2;
      }
      roots.push(root);
    } else if (a === '--help' || a === '-h') {
      out(USAGE);
      return 0;
    } else if (!file) file = a;
    else {
      out(USAGE);
      return 2;
    }
  }
  if (!file) {
    out(USAGE);
    return 2;
  }
  let zip: Uint8Array;
  try {
    zip = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? ['文件不存在', 'no such file']
        : code === 'EISDIR'
          ? ['这是一个文件夹，不是证据包文件', 'a folder, not a file']
          : ['无法读取', 'cannot be read'];
    out(`无法读取 ${file}：${why[0]} / cannot read ${file}: ${why[1]}${code ? ` (${code})` : ''}`);
    return 2;
  }
  const result = verifyPackage(zip, roots.length ? { roots } : {});
  if (json) out(JSON.stringify(result, null, 2));
  else {
    const named = result.document ? `${result.document.orgName}《${result.document.title}》，` : '';
    for (const v of result.verdicts) out(`${v.ok ? '✔ 通过' : '✘ 失败'}  ${v.item}\n    ${v.zh}\n    ${v.en}`);
    out(
      result.valid
        ? `结论：证据包完整有效（${named}公文 ${result.documentId}）\nVerdict: the evidence package holds (${named}document ${result.documentId})`
        : `结论：证据包未通过校验，见上面标为“失败”的项目\nVerdict: the evidence package FAILS: see the items marked ✘ above`,
    );
  }
  if (!result.documentId && !result.valid) return 2;
  return result.valid ? 0 : 1;
}
