// The command line: yizhan-verify <package.zip> [--root root.cer …] [--json]. One line per verdict, Chinese then
// English. Exit 0 when every item holds against the roots the reader gave; 3 when it holds but no roots were given (the
// package's own roots, which anyone can make, are still to be compared); 1 on any failure, with or without roots;
// 2 when the package cannot be read at all.
import fs from 'node:fs';
import { deliveriesInWords, fromPem, readCertificate, verifyPackage } from '@yizhan/crypto';

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
    // The document by its sender, title and 发文字号, as a reader knows it; by its id only where no 发文字号 is carried.
    const d = result.document;
    const named = `${d ? `${d.orgName}《${d.title}》，` : ''}${result.docNumber ?? `公文 ${result.documentId}`}`;
    const namedEn = `${d ? `${d.orgName}《${d.title}》, ` : ''}${result.docNumber ?? `document ${result.documentId}`}`;
    // Each item by its name in the reader's words, the path beside it to find it in the package.
    for (const v of result.verdicts)
      out(`${v.ok ? (v.toCheck ? '⚠ 待核对' : '✔ 通过') : '✘ 失败'}  ${v.part ? `${v.part}  ${v.item}` : v.item}\n    ${v.zh}\n    ${v.en}`);
    // How far it got with its units, from the events just verified (said only when they held).
    if (result.deliveries && result.valid) {
      const words = deliveriesInWords(result.deliveries);
      out(`送达情况：${words.zh}\nDeliveries: ${words.en}`);
    }
    if (!result.valid) out(`结论：证据包未通过校验，见上面标为“失败”的项目\nVerdict: the evidence package FAILS: see the items marked ✘ above`);
    else if (result.anchored) out(`结论：证据包完整有效（${named}）\nVerdict: the evidence package holds (${namedEn})`);
    else
      out(
        `结论：证据包自身完整一致（${named}），但其可信性来自证据包自带的根证书，尚未核对：请用 --root 给出平台公布的根证书（caCertificates）再验证，或将上面打印的 SHA-256 指纹与平台公布的指纹核对\n` +
          `Verdict: the evidence package is consistent in itself (${namedEn}), but its trust comes from its own root certificates, not yet checked: verify it again with the platform's published roots (--root, from caCertificates), or compare the SHA-256 fingerprints printed above with the platform's published ones`,
      );
  }
  if (!result.documentId && !result.valid) return 2;
  // Failures win over not anchored: 1 whatever roots were given.
  if (!result.valid) return 1;
  return result.anchored ? 0 : 3;
}

// Run as a program (node tools/verify/src/cli.ts …) as well as through bin/yizhan-verify.mjs: a script that checks the
// exit status must never read 0 from a run that checked nothing.
if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
