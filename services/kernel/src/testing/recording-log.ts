// For the kernel's own tests: a logger that keeps what was logged as an error, so a test can assert there was none.
import type { Logger } from '@yizhan/common';

export function recordingLog(): { log: Logger; errors: unknown[] } {
  const errors: unknown[] = [];
  const log = { error: (obj: unknown) => errors.push(obj), warn() {}, info() {}, debug() {}, child: () => log } as unknown as Logger;
  return { log, errors };
}
