// 对端平台 (issue 19): registering the stand-in of another deployment this one exchanges documents with, and what the
// documents service needs to take a document from it (the peer's pinned roots, the unit its documents go to).
import { badInput, forbidden, requireCaller } from '@yizhan/common';
import type { PeerPlatform as PeerOfUnit } from '@yizhan/contracts/org';
import { fingerprintOf } from '@yizhan/crypto';
import { type OrgContext } from '../deps.ts';
import { readPeerRoots } from '../domain/peer.ts';
import { canManage, canRegisterUnder, cleanName } from '../domain/rules.ts';
import type { Org } from '../entities/Org.ts';
import { type PeerPlatform, type RegisterPeerPlatformInput } from '../resolvers/types.ts';
import { getOrg } from '../store/orgs.ts';
import { insertPeerPlatform, isStandIn, orgsById, peerPlatformOf, peerPlatformsWithin } from '../store/peer-platforms.ts';
import { register } from './register-unit.ts';

const asPeer = (row: { platform: string; roots: Uint8Array[]; created_at: Date | string }, standIn: Org, receiving: Org): PeerPlatform => ({
  platform: row.platform,
  standIn,
  receivingOrg: receiving,
  rootFingerprints: row.roots.map((r) => fingerprintOf(r)),
  createdAt: new Date(row.created_at),
});

/**
 * Registers a peer platform: its stand-in unit below `receivingOrgId` (which its documents are delivered to) and its
 * pinned CA roots. For an administrator of the receiving unit or a unit above it.
 */
export async function registerPeerPlatform(input: RegisterPeerPlatformInput, ctx: OrgContext): Promise<PeerPlatform> {
  const caller = requireCaller(ctx);
  const platform = cleanName(input.platform, 'platform', 60);
  if (platform.length < 2) throw badInput('Name the peer platform in 2–60 characters, e.g. 国家电子公文传输平台', 'platform', { length: { min: 2, max: 60 } });
  const roots = readPeerRoots(input.rootCertificates);
  return ctx.em.transactional(async (em) => {
    const receiving = await getOrg(em, input.receivingOrgId);
    if (!canRegisterUnder(caller, receiving.path))
      throw forbidden(`Only an administrator of ${receiving.name} or a unit above it registers the peer platforms it exchanges with`);
    if (await isStandIn(em, receiving.id))
      throw badInput(`${receiving.name} stands in for a peer platform itself: register the peer under the unit that receives from it`, 'receivingOrgId');
    const standIn = await register(em, input.standIn, receiving);
    await insertPeerPlatform(em, { standIn, platform, roots, createdBy: caller.userId });
    return asPeer({ platform, roots, created_at: new Date() }, standIn, receiving);
  });
}

/** The peer platforms registered at or below the administrator's unit. */
export async function peerPlatforms(ctx: OrgContext): Promise<PeerPlatform[]> {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('Only administrators see the peer platforms');
  const rows = await peerPlatformsWithin(ctx.em, caller.orgPath);
  const standIns = await orgsById(
    ctx.em,
    rows.map((r) => r.stand_in_org_id),
  );
  const receiving = await orgsById(
    ctx.em,
    [...standIns.values()].flatMap((o) => (o.parentId ? [o.parentId] : [])),
  );
  return rows.flatMap((row) => {
    const standIn = standIns.get(row.stand_in_org_id);
    const parent = standIn?.parentId ? receiving.get(standIn.parentId) : undefined;
    return standIn && parent && canManage(caller, standIn.path) ? [asPeer(row, standIn, parent)] : [];
  });
}

/** For the documents service: the peer platform the caller's unit stands in for, or null if it is an ordinary unit. */
export async function peerOfCaller(ctx: OrgContext): Promise<PeerOfUnit | null> {
  const caller = requireCaller(ctx);
  const row = await peerPlatformOf(ctx.em, caller.orgId);
  if (!row) return null;
  const standIn = await getOrg(ctx.em, row.stand_in_org_id);
  const receiving = await getOrg(ctx.em, standIn.parentId as string);
  return {
    platform: row.platform,
    roots: row.roots.map((r) => Buffer.from(r).toString('base64')),
    receiving: { id: receiving.id, path: receiving.path, name: receiving.name, status: receiving.status },
  };
}
