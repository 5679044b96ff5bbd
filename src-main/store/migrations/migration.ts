/** One step of the local store's schema. */
export interface Migration {
  /** Strictly increasing; never renumber or edit a shipped migration, add a new one. */
  version: number;
  name: string;
  up: string;
}
