// Names for the demo province's people: every account is a person, shown by name as a real one would be (a board's
// 签收人 is 王秀兰, not 新城区政府收文员). The clerk account made for every unit gets a name of its own, the same every
// time (chosen by the unit's code) and common enough to be plausible.

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万严武戴孔汤',
];
const GIVEN =
  '建华 秀英 丽 伟 芳 敏 静 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 文 辉 鹏 华 红 玲 斌 宇 浩 凯 婷 晶 丹 雪 琳 欣 悦 志强 海燕 晓东 春梅 国庆 丽萍 建军 小红 文静 立新'.split(
    ' ',
  );

/** A person's name for `key` (a unit's code): the same key, the same name. */
export function demoPersonName(key: string): string {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  // Mixed again, so that codes a digit apart differ in both halves of the name.
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = (h ^ (h >>> 13)) >>> 0;
  return `${SURNAMES[h % SURNAMES.length]}${GIVEN[Math.floor(h / SURNAMES.length) % GIVEN.length]}`;
}
