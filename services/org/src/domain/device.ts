// What a session was opened from, in the words a person knows their own computer by: the browser and the system a
// login's User-Agent names ("Chrome 131 · Windows", "奇安信可信浏览器 · 统信UOS"). The browsers and systems of the
// government desktops (信创: 统信UOS, 麒麟, their browsers) are named before the engines they are built on.

/** Browsers, the more specific first: many carry "Chrome/" and "Safari/" besides their own mark. */
const BROWSERS: [RegExp, string][] = [
  [/QaxBrowser\/(\d+)/, '奇安信可信浏览器'],
  [/(?:360SE|360EE|QIHU 360)/, '360安全浏览器'],
  [/QQBrowser\/(\d+)/, 'QQ浏览器'],
  [/MicroMessenger\/(\d+)/, '微信'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]*(?: Mobile\/\S+)? Safari\//, 'Safari'],
  [/^curl\/(\d+)/, 'curl'],
];

/** Systems, the distributions before the Linux they run. */
const SYSTEMS: [RegExp, string][] = [
  [/UOS|UnionTech/i, '统信UOS'],
  [/Kylin/i, '麒麟'],
  [/Windows NT/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux|X11/, 'Linux'],
];

/** "Browser version · system", either part when the other is not named, or null when the agent names neither. */
export function deviceOf(agent: string | null | undefined): string | null {
  if (!agent) return null;
  const browser = BROWSERS.map(([re, name]) => {
    const m = re.exec(agent);
    return m ? (m[1] ? `${name} ${m[1]}` : name) : null;
  }).find(Boolean);
  const system = SYSTEMS.find(([re]) => re.test(agent))?.[1];
  const parts = [browser, system].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
