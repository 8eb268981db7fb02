// Time stamps in batches (issue 17): one RFC 3161 token over the root of a Merkle tree whose leaves are the items of
// a batch — receipts' signatures and evidence chains' heads — and, for each item, its path to that root. An item is
// checked with its own bytes, its path and the token alone: hash the leaf, climb the path, and the token must cover
// the root. Leaves and inner nodes are hashed apart (0x00 and 0x01 first, as RFC 6962 does), so no inner node passes
// for a leaf; an odd node is carried up a level unchanged. The hash is the token's (SM3 or SHA-256).
import { type HashAlgorithm, hashHex } from './tsp.ts';

/** One step up from a node: its sibling's hash, and the side the sibling is on. */
export interface MerkleStep {
  side: 'L' | 'R';
  hash: string;
}

const hexBytes = (hex: string) => Buffer.from(hex, 'hex');
const leafHash = (h: HashAlgorithm, value: Uint8Array) => hashHex(h, new Uint8Array(Buffer.concat([Buffer.from([0]), value])));
const nodeHash = (h: HashAlgorithm, left: string, right: string) =>
  hashHex(h, new Uint8Array(Buffer.concat([Buffer.from([1]), hexBytes(left), hexBytes(right)])));

/** What a chain head's leaf is: its unit, its seq and its hash, in one line. */
export const chainHeadLeaf = (unit: string, seq: number, hash: string): Uint8Array =>
  new Uint8Array(Buffer.from(`yizhan-chain-head\n${unit}\n${seq}\n${hash}`, 'utf8'));

/** The tree over a batch's leaves (at least one): its root, and each leaf's path to it, in the leaves' order. */
export function merkleTree(h: HashAlgorithm, leaves: Uint8Array[]): { root: string; paths: MerkleStep[][] } {
  if (!leaves.length) throw new Error('a batch has at least one item');
  let level = leaves.map((l) => leafHash(h, l));
  // Which node of the current level each leaf is under.
  let at = leaves.map((_, i) => i);
  const paths: MerkleStep[][] = leaves.map(() => []);
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as string;
      const right = level[i + 1];
      next.push(right === undefined ? left : nodeHash(h, left, right));
    }
    for (let k = 0; k < leaves.length; k++) {
      const i = at[k] as number;
      const sibling = i % 2 ? level[i - 1] : level[i + 1];
      if (sibling !== undefined) (paths[k] as MerkleStep[]).push({ side: i % 2 ? 'L' : 'R', hash: sibling });
      at[k] = i >> 1;
    }
    level = next;
    at = at.slice();
  }
  return { root: level[0] as string, paths };
}

/** The root a leaf's path leads to (compare it with what the batch's token covers). */
export function merkleRoot(h: HashAlgorithm, leaf: Uint8Array, path: MerkleStep[]): string {
  let node = leafHash(h, leaf);
  for (const step of path) node = step.side === 'L' ? nodeHash(h, step.hash, node) : nodeHash(h, node, step.hash);
  return node;
}

/** Whether a value is a Merkle path as packages carry it. */
export const isMerklePath = (p: unknown): p is MerkleStep[] =>
  Array.isArray(p) &&
  p.every(
    (s) => !!s && typeof s === 'object' && ((s as MerkleStep).side === 'L' || (s as MerkleStep).side === 'R') && /^[0-9a-f]{64}$/.test((s as MerkleStep).hash),
  );
