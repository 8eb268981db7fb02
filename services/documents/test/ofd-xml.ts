// Reading an OFD package's XML in the tests as a reader would: well-formed, its elements by name in the OFD namespace.
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { OFD_NS } from '../src/domain/ofd/xml.ts';

/** A file of the package as XML: present and well-formed. */
export const parseOfdXml = (bytes: Buffer | undefined) => {
  assert.ok(bytes, 'the file is in the package');
  const errors: string[] = [];
  const d = new DOMParser({ errorHandler: (_level: string, msg: string) => errors.push(msg) }).parseFromString(bytes.toString('utf8'), 'text/xml');
  assert.deepEqual(errors, [], 'well-formed XML');
  return d.documentElement as unknown as Element;
};

/** Every `ofd:name` below `e`. */
export const ofdElements = (e: Element, name: string) => Array.from(e.getElementsByTagNameNS(OFD_NS, name));
