import { z } from 'zod';
import { channel } from './channel';
import { idSchema } from './result';

/** Most addresses one scan may try: a /22. */
export const MAX_SCAN_ADDRESSES = 1024;

export const scanIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'A scan id is letters, digits and dashes.' });

export const foundBoxSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  fingerprint: z.string(),
  targetId: idSchema,
  targetName: z.string(),
});
export type FoundBox = z.infer<typeof foundBoxSchema>;

export const scanResultSchema = z.object({
  subnet: z.string(),
  found: z.array(foundBoxSchema),
  /** Addresses tried, of `total`. */
  probed: z.number().int(),
  total: z.number().int(),
  /** SSH servers that answered with a key no prepared box has: listed as a count only, nothing was sent to them. */
  others: z.number().int(),
  ended: z.enum(['done', 'cancelled', 'time-limit']),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const discoverChannels = {
  /** The desktop's own IPv4 networks of /24 or smaller: what a scan may cover by default. */
  'discover:networks': channel(z.object({}), z.object({ networks: z.array(z.object({ cidr: z.string(), interface: z.string() })) })),
  /**
   * Scans a subnet of the desktop's own networks for SSH servers presenting a
   * host key of a prepared box (seen during key exchange, before any login),
   * writes each found address into its target and trusts the key there.
   */
  'discover:scan': channel(
    z.object({
      scanId: scanIdSchema,
      subnet: z.string().trim().min(1, { error: 'Enter the network to search, like 192.168.1.0/24.' }),
      port: z
        .number({ error: 'The port is a number from 1 to 65535 (SSH uses 22).' })
        .int()
        .min(1)
        .max(65535, { error: 'The port is a number from 1 to 65535 (SSH uses 22).' })
        .default(22),
    }),
    scanResultSchema,
  ),
  'discover:cancel': channel(z.object({ scanId: scanIdSchema }), z.object({ cancelled: z.boolean() })),
};

export const discoverEventSchemas = {
  /** How far a scan got; at most a few a second. */
  'discover.progress': z.object({ scanId: z.string(), probed: z.number().int(), total: z.number().int(), found: z.number().int() }),
};
