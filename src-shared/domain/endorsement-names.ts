/**
 * The endorsement names and the statuses the console knows, without zod: the search box's parser
 * reads them on the first screen, which loads no schema library.
 */
export const ENDORSEMENT_NAMES = ['basic', 'cryptoCustody', 'usd'] as const;
export const KNOWN_ENDORSEMENT_STATUSES = ['incomplete', 'pending', 'active', 'rejected', 'revoked'] as const;
