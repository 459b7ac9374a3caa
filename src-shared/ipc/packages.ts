import { z } from 'zod';
import { packageFileSchema, workPackageManifestSchema, sha256Hex } from '../bundle/records';
import { channel } from './channel';

/** What the renderer stores after main has verified a package: manifest plus where each file is. */
export const verifiedPackageSchema = z.object({
  manifest: workPackageManifestSchema,
  /** SHA-256 of the signed envelope payload: identifies this exact version of the package. */
  envelopeHash: sha256Hex,
  signedBy: z.array(z.string()),
  files: z.array(
    packageFileSchema.extend({
      location: z.enum(['package', 'external', 'missing']),
    }),
  ),
});
export type VerifiedPackage = z.infer<typeof verifiedPackageSchema>;

export const packagesChannels = {
  loadDemo: channel({
    summary: 'Opens and verifies the bundled demo work package (first run on an empty database).',
    request: z.object({}).strict(),
    response: verifiedPackageSchema,
  }),
};
