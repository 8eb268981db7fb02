// An HTTP answer read once, for the tests that judge how the platform answers what it should refuse
// (test/hostile-bodies.test.ts, test/client-errors.test.ts, test/hostile-input.test.ts).

export interface Answer {
  status: number;
  type: string;
  text: string;
  data?: unknown;
  errors: { message: string; extensions?: Record<string, any> }[];
  /** The first error's code and message, for assertions. */
  code?: string;
  message?: string;
}

export async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: { data?: unknown; errors?: Answer['errors'] } = {};
  try {
    body = JSON.parse(text);
  } catch {}
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text,
    data: body?.data,
    errors,
    code: errors[0]?.extensions?.code,
    message: errors[0]?.message,
  };
}

/** What an answer must never hold: a stack frame, an HTML error page, an absolute path of the server. */
export function internalsIn(text: string): string[] {
  const found: string[] = [];
  if (/\bat \S+ \(|\n\s+at /.test(text)) found.push('a stack frame');
  if (/<html|<pre|<!DOCTYPE/i.test(text)) found.push('an HTML page');
  if (text.includes('/work/') || text.includes('node_modules') || /\/(home|root|usr|tmp)\/\S/.test(text)) found.push('an absolute path');
  if (/Maximum call stack/i.test(text)) found.push('a stack overflow');
  return found;
}
