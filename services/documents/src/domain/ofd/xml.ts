// The little XML the OFD package needs, written by hand: elements in the OFD namespace (prefix ofd), attributes
// and text escaped, numbers in millimetres with at most three decimals. Nothing is parsed here (tests parse the
// package back with an XML parser of their own).

export const OFD_NS = 'http://www.ofdspec.org/2016';

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A number as OFD writes it: millimetres, three decimals at most, no trailing zeros. */
export const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

export type Node = { name: string; attrs?: Record<string, string | number | boolean | undefined>; children?: (Node | string)[] };

/** An element of the OFD namespace: el('Page', {ID: 1}, ...children). */
export const el = (name: string, attrs: Node['attrs'] = {}, ...children: (Node | string | null | undefined | false)[]): Node => ({
  name,
  attrs,
  children: children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
});

function write(n: Node | string, root: boolean): string {
  if (typeof n === 'string') return escapeXml(n);
  const attrs = Object.entries(n.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? num(v) : String(v))}"`)
    .join('');
  const ns = root ? ` xmlns:ofd="${OFD_NS}"` : '';
  const inner = (n.children ?? []).map((c) => write(c, false)).join('');
  return inner ? `<ofd:${n.name}${ns}${attrs}>${inner}</ofd:${n.name}>` : `<ofd:${n.name}${ns}${attrs}/>`;
}

/** The document's bytes: the XML declaration and the root element with the namespace. */
export const xmlDocument = (root: Node): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${write(root, true)}`, 'utf8');
