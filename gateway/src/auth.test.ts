// The client's address as the gateway signs it into the caller context (login's limit per address): the socket's,
// and X-Forwarded-For only from a proxy the gateway is told to trust (YIZHAN_TRUSTED_PROXIES).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress, trustedProxies } from './auth.ts';

test('the client address is the socket’s, unless the socket is a trusted proxy', () => {
  const none = trustedProxies('');
  assert.equal(clientAddress('::ffff:198.51.100.7', '203.0.113.9', none), '198.51.100.7', 'X-Forwarded-For is ignored by default');
  assert.equal(clientAddress('2001:db8::1', undefined, none), '2001:db8::1');
  const proxies = trustedProxies('10.0.0.1, ::1');
  assert.equal(clientAddress('10.0.0.1', '203.0.113.9', proxies), '203.0.113.9');
  assert.equal(clientAddress('::ffff:10.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.1', proxies), '203.0.113.9', 'the nearest hop that is not our proxy');
  assert.equal(clientAddress('198.51.100.7', '203.0.113.9', proxies), '198.51.100.7', 'a client that is no trusted proxy cannot name another address');
  assert.equal(clientAddress(undefined, '203.0.113.9', proxies), undefined);
});
