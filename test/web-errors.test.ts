// The dashboard's error catalogue (web/lib/errors.ts): every code the platform answers with — lib/common's ErrorCode
// and each service contract's codes — and every code the dashboard raises itself has plain Chinese and English words.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ErrorCode, repoRoot } from '@yizhan/common';
import { ArchiveErrorCode } from '@yizhan/contracts/archive';
import { CertificatesErrorCode } from '@yizhan/contracts/certificates';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { OrgErrorCode } from '@yizhan/contracts/org';
import { SealsErrorCode } from '@yizhan/contracts/seals';
import { ERROR_CATALOGUE, errorDetail, errorWords, FIELD_WORDS, fieldWords, isChinese } from '../web/lib/errors.ts';

const CJK = /[\u4E00-\u9FFF]/;

test('every code of lib/common’s ErrorCode has an entry', () => {
  const missing = Object.values(ErrorCode).filter((c) => !ERROR_CATALOGUE[c]);
  assert.deepEqual(missing, [], `no words for ${missing.join(', ')}`);
});

test('every code a service’s contract declares has an entry', () => {
  const codes = [OrgErrorCode, DocumentsErrorCode, CertificatesErrorCode, SealsErrorCode, ArchiveErrorCode].flatMap((t) => Object.values(t) as string[]);
  assert.ok(codes.length > 20);
  const missing = codes.filter((c) => !ERROR_CATALOGUE[c]);
  assert.deepEqual(missing, [], `no words for ${missing.join(', ')}`);
});

test('every code the dashboard raises itself has an entry', () => {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !['node_modules', 'generated', '.next', '.next-test'].includes(e.name)) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/new PlatformError\([^;]*?,\s*(?:[^;]*?\?\?\s*)?'([A-Z][A-Z_]+)'/g)) codes.add(m[1]!);
        for (const m of text.matchAll(/code \?\? '([A-Z][A-Z_]+)'/g)) codes.add(m[1]!);
      }
    }
  };
  walk(path.join(repoRoot, 'web'));
  assert.ok(codes.has('NETWORK') && codes.has('NO_RECIPIENTS'), [...codes].join(' '));
  const missing = [...codes].filter((c) => !ERROR_CATALOGUE[c]);
  assert.deepEqual(missing, [], `no words for ${missing.join(', ')}`);
});

test('the words are Chinese in Chinese and English in English, never a code', () => {
  for (const [code, w] of Object.entries({ ...ERROR_CATALOGUE, ...FIELD_WORDS })) {
    assert.match(w.zh, CJK, `${code}: Chinese words`);
    assert.doesNotMatch(w.zh, /[A-Z]{2,}_[A-Z]/, `${code}: no code in the Chinese words`);
    assert.doesNotMatch(w.en, CJK, `${code}: English words`);
    assert.ok(w.en.length > 1, code);
  }
  assert.equal(errorWords('SEAL_REQUIRED', 'zh'), ERROR_CATALOGUE.SEAL_REQUIRED?.zh);
  assert.equal(errorWords('NO_SUCH_CODE', 'zh'), undefined);
  // A field is named in words, whatever path the API gives it, and never by its API name.
  assert.equal(fieldWords('input.body', 'zh'), '正文');
  assert.equal(fieldWords('attachments[2].name', 'zh'), '附件');
  assert.equal(fieldWords('signer', 'en'), 'Signatory');
  assert.equal(fieldWords('someInternalName', 'zh'), null);
  assert.ok(isChinese('请先选择收文单位') && !isChinese('Say why'));
  assert.ok(isChinese('SM2 签章验证通过') && isChinese('已导出 CSV 文件'), 'Chinese with a code or a format in it');
  assert.ok(
    !isChinese('This document has not been signed for yet: until your unit’s clerk signs for it (签收), only clerks may open it'),
    'English quoting a Chinese term',
  );
});

test('a custodian told how many PIN tries are left, and until when a lock holds, in Beijing time', () => {
  assert.equal(errorDetail('WRONG_PIN', { attemptsLeft: 3 }, 'zh'), '一小时内还可尝试 3 次，再输错将暂停用印一小时');
  assert.match(errorDetail('WRONG_PIN', { attemptsLeft: 1 }, 'en') ?? '', /^1 more try within the hour/);
  assert.equal(errorDetail('PIN_LOCKED', { until: '2026-12-06T02:05:00.000Z' }, 'zh'), '可于 10:05 后再试，或请管理员办理印章挂失');
  assert.match(errorDetail('PIN_LOCKED', { until: '2026-12-06T02:05:00.000Z' }, 'en') ?? '', /after 10:05 \(Beijing time\)/);
  assert.equal(errorDetail('WRONG_PIN', {}, 'zh'), null, 'nothing to add without the count');
});

test('a field’s broken rule is said in words: its length, that it is needed, that it is not yet', () => {
  assert.equal(errorDetail('BAD_INPUT', { field: 'displayName', rule: { length: { min: 1, max: 50 } } }, 'zh'), '应为 1–50 个字');
  assert.equal(errorDetail('BAD_INPUT', { field: 'title', rule: { length: { max: 200 } } }, 'en'), 'at most 200 characters');
  assert.equal(errorDetail('BAD_INPUT', { field: 'title', rule: { required: true } }, 'zh'), '不能为空');
  assert.equal(errorDetail('BAD_INPUT', { field: 'paperAt', rule: { notFuture: true } }, 'zh'), '不能晚于现在');
  assert.equal(errorDetail('BAD_INPUT', { field: 'name', rule: { plainText: true } }, 'zh'), '含有不可见的控制字符，请删去后重新填写');
  assert.equal(errorDetail('BAD_INPUT', { field: 'title' }, 'zh'), null);
  // A rule only words state: the Chinese screen says them; the English one has the service's own sentence.
  assert.equal(errorDetail('BAD_INPUT', { field: 'copies', rule: { zh: '每次可增加 1 至 100 份' } }, 'zh'), '每次可增加 1 至 100 份');
  assert.equal(errorDetail('BAD_INPUT', { field: 'copies', rule: { zh: '每次可增加 1 至 100 份' } }, 'en'), null);
});

test('who may be 签发人 is said with the refusal: the names that are not the unit’s leaders, and its leaders', () => {
  assert.equal(
    errorDetail('SIGNER_NOT_LEADER', { field: 'signer', names: ['王区长'], leaders: ['罗文彬', '钱副区长'] }, 'zh'),
    '王区长 不是本单位领导；本单位领导：罗文彬、钱副区长',
  );
  assert.equal(errorDetail('SIGNER_NOT_LEADER', { names: ['王区长'], leaders: [] }, 'zh'), '本单位没有在岗领导账号，请系统管理员设置');
  assert.equal(errorDetail('NOT_NAMED_SIGNER', { signer: '罗文彬' }, 'en'), 'Signatory: 罗文彬');
  assert.match(errorDetail('INVALID_CSR', { problem: 'NOT_A_CSR' }, 'zh') ?? '', /以 -----BEGIN CERTIFICATE REQUEST----- 开头/);
});
