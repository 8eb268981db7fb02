// 页数 from an OFD: the pages its document lists, whatever the namespace prefix; null for what is not an OFD.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { ofdPageCount } from './pages.ts';

const ofd = (pages: number, prefix = 'ofd:') =>
  zipSync({
    'OFD.xml': strToU8(
      `<?xml version="1.0"?><${prefix}OFD><${prefix}DocBody><${prefix}DocRoot>Doc_0/Document.xml</${prefix}DocRoot></${prefix}DocBody></${prefix}OFD>`,
    ),
    'Doc_0/Document.xml': strToU8(
      `<${prefix}Document><${prefix}CommonData><${prefix}PageArea/></${prefix}CommonData><${prefix}Pages>${Array.from(
        { length: pages },
        (_, i) => `<${prefix}Page ID="${i + 2}" BaseLoc="Pages/Page_${i}/Content.xml"/>`,
      ).join('')}</${prefix}Pages></${prefix}Document>`,
    ),
    'Doc_0/Pages/Page_0/Content.xml': strToU8('<ofd:Page/>'),
  });

test('the pages an OFD lists are its 页数', () => {
  assert.equal(ofdPageCount(ofd(3)), 3);
  assert.equal(ofdPageCount(ofd(1, '')), 1, 'without a prefix');
  assert.equal(ofdPageCount(ofd(12)), 12, 'a page’s own Content.xml is not counted');
});

test('what is not an OFD has no count', () => {
  assert.equal(ofdPageCount(strToU8('%PDF-1.7')), null);
  assert.equal(ofdPageCount(zipSync({ 'a.txt': strToU8('x') })), null);
});
