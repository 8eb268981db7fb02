// A webhook must reach the public internet, never this machine or a private network: the address and URL rules that
// org applies when a webhook is set and documents applies to every resolved address when it posts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPublicAddress, nonPublicAddressProblem, publicUrlProblem } from './public-address.ts';

describe('nonPublicAddressProblem', () => {
  test('loopback, private, link-local, unique-local, unspecified, multicast and reserved addresses are not public', () => {
    const cases: [string, RegExp][] = [
      ['127.0.0.1', /loopback/],
      ['127.255.3.4', /loopback/],
      ['10.0.0.1', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.254', /private/],
      ['192.168.0.1', /private/],
      ['169.254.169.254', /link-local/],
      ['0.0.0.0', /unspecified/],
      ['100.64.0.1', /shared/],
      ['224.0.0.1', /multicast/],
      ['239.255.255.250', /multicast/],
      ['255.255.255.255', /broadcast/],
      ['::1', /loopback/],
      ['[::1]', /loopback/],
      ['::', /unspecified/],
      ['fe80::1', /link-local/],
      ['fe80::1%eth0', /link-local/],
      ['febf::1', /link-local/],
      ['fc00::1', /unique-local/],
      ['fd12:3456:789a::1', /unique-local/],
      ['ff02::1', /multicast/],
      ['::ffff:127.0.0.1', /loopback/],
      ['::ffff:7f00:1', /loopback/],
      ['::ffff:10.1.2.3', /private/],
      ['::ffff:a9fe:a9fe', /link-local/],
      ['64:ff9b::192.168.1.1', /private/],
    ];
    for (const [ip, why] of cases) {
      assert.match(nonPublicAddressProblem(ip) ?? 'public', why, ip);
      assert.equal(isPublicAddress(ip), false, ip);
    }
  });

  test('public addresses pass, including the neighbours of the private ranges', () => {
    for (const ip of [
      '8.8.8.8',
      '1.1.1.1',
      '172.15.255.255',
      '172.32.0.1',
      '192.169.0.1',
      '11.0.0.1',
      '169.255.0.1',
      '2001:4860:4860::8888',
      '2400:3200::1',
      '::ffff:8.8.8.8',
    ]) {
      assert.equal(nonPublicAddressProblem(ip), null, ip);
      assert.equal(isPublicAddress(ip), true, ip);
    }
  });

  test('anything that is not an IP address is not public', () => {
    assert.equal(nonPublicAddressProblem('example.com'), 'not an IP address');
    assert.equal(nonPublicAddressProblem(''), 'not an IP address');
  });
});

describe('publicUrlProblem', () => {
  test('http(s) URLs to public hosts pass', () => {
    for (const url of [
      'https://hooks.example.com/a?token=x',
      'http://alerts.example.gov.cn:8443/yizhan',
      'https://8.8.8.8/hook',
      'https://[2001:4860::8888]/h',
    ]) {
      assert.equal(publicUrlProblem(url), null, url);
    }
  });

  test('IP literals of any spelling that are not public are refused', () => {
    for (const url of [
      'http://127.0.0.1:4001/internal',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://017700000001/',
      'http://0.0.0.0/',
      'http://10.1.1.1/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://224.0.0.1/',
    ]) {
      assert.match(publicUrlProblem(url) ?? 'accepted', /not a public address/, url);
    }
  });

  test('local names are refused, with or without a trailing dot and in any case', () => {
    for (const url of ['http://localhost/', 'http://LOCALHOST./x', 'http://api.localhost/', 'http://printer.local/', 'http://metadata.google.internal/']) {
      assert.match(publicUrlProblem(url) ?? 'accepted', /local name/, url);
    }
  });

  test('other schemes, user names and passwords, and what is not a URL are refused', () => {
    assert.match(publicUrlProblem('ftp://example.com/') ?? '', /http or https/);
    assert.match(publicUrlProblem('javascript:alert(1)') ?? '', /http or https/);
    assert.match(publicUrlProblem('https://user:pass@example.com/') ?? '', /user name or password/);
    assert.match(publicUrlProblem('https://token@example.com/') ?? '', /user name or password/);
    assert.match(publicUrlProblem('not a url') ?? '', /not a valid URL/);
  });

  test('allowPrivateHosts (tests only) skips the host check, never the scheme or user-name checks', () => {
    assert.equal(publicUrlProblem('http://127.0.0.1:4001/send', { allowPrivateHosts: true }), null);
    assert.match(publicUrlProblem('http://u:p@127.0.0.1/', { allowPrivateHosts: true }) ?? '', /user name/);
    assert.match(publicUrlProblem('file:///etc/passwd', { allowPrivateHosts: true }) ?? '', /http or https/);
  });
});
