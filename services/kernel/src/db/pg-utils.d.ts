// pg's own value-to-text conversion, the one its extended queries use for parameters (not in @types/pg).
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): unknown };
  export default utils;
}
