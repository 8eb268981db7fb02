// The command line: yizhan-verify <package.zip> [--json]. Filled in by the verifier (next step).
export async function main(_args: string[]): Promise<number> {
  return 2;
}
