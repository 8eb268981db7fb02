// The seal's image (国发〔1999〕25号 style): a round red seal with the unit's name along the upper arc, a
// five-pointed star in the centre and optional text below, generated from the name. SVG for screens, PNG (rendered
// with resvg and the Noto Serif SC font from npm, so nothing depends on the machine's fonts) for printed copies.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');
const RED = '#d7000f';

const xmlText = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The points of a five-pointed star centred at (cx, cy), pointing up. */
function star(cx: number, cy: number, outer: number): string {
  const inner = outer * 0.382;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`);
  }
  return points.join(' ');
}

export function sealSvg(name: string, below = ''): string {
  const chars = [...name];
  // The name spans about 240° of the upper arc; long names get smaller characters.
  const size = Math.max(13, Math.min(24, 260 / Math.max(chars.length, 1)));
  // The baseline runs inside the ring, so the characters stand just within it.
  const r = 86 - size;
  const arc = `M ${100 - r * Math.cos(Math.PI / 6)} ${100 + r * Math.sin(Math.PI / 6)} A ${r} ${r} 0 1 1 ${100 + r * Math.cos(Math.PI / 6)} ${100 + r * Math.sin(Math.PI / 6)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
  <defs><path id="arc" d="${arc}"/></defs>
  <circle cx="100" cy="100" r="95" fill="none" stroke="${RED}" stroke-width="6"/>
  <text fill="${RED}" font-family="Noto Serif SC" font-weight="700" font-size="${size.toFixed(1)}" letter-spacing="1">
    <textPath href="#arc" startOffset="50%" text-anchor="middle">${xmlText(name)}</textPath>
  </text>
  <polygon points="${star(100, 100, 30)}" fill="${RED}"/>
  ${below ? `<text x="100" y="152" fill="${RED}" font-family="Noto Serif SC" font-weight="700" font-size="14" text-anchor="middle">${xmlText(below)}</text>` : ''}
</svg>`;
}

export function sealPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: 400 },
    font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'Noto Serif SC' },
  });
  return Buffer.from(resvg.render().asPng());
}

export { sha256Hex as sha256 } from '@yizhan/kernel';
