// Export (DA/T 48 style) of a record or a year as self-describing packages, and import: a package is checked digest
// by digest and restored into the same fonds in another instance, or refused with every problem named.

import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { exportArchiveRecord, exportArchiveYear, importArchivePackage, importArchiveYear } from '../app/packages.ts';
import type { ArchiveContext } from '../deps.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { ArchivePackage, FONDS_ARG } from './types.ts';

@Resolver()
export class PackageResolver {
  @Mutation(() => ArchivePackage, { description: 'Export a record as a self-describing package (registered as an export)' })
  async exportArchiveRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext): Promise<ArchivePackage> {
    return exportArchiveRecord(id, ctx);
  }

  @Mutation(() => ArchivePackage, {
    description: 'Export a year of a fonds your unit keeps (its own unless named): each record’s package in one ZIP, as handed to the archives',
  })
  async exportArchiveYear(
    @Arg('year', () => Int) year: number,
    @Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null,
    @Ctx() ctx: ArchiveContext,
  ): Promise<ArchivePackage> {
    return exportArchiveYear(year, fondsId, ctx);
  }

  @Mutation(() => ArchiveRecord, {
    description: 'Import a record’s package (base64) into your unit’s archive: every digest is checked first; a bad package changes nothing',
  })
  async importArchivePackage(@Arg('package', () => String) pkg: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    return importArchivePackage(pkg, ctx);
  }

  @Mutation(() => [ArchiveRecord], {
    description: 'Import a year’s package (base64): every record’s package is checked first, and all are restored or none',
  })
  async importArchiveYear(@Arg('package', () => String) pkg: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord[]> {
    return importArchiveYear(pkg, ctx);
  }
}
