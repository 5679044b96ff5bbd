/**
 * How many customers the console's local sandbox seeds on its first start. Main reads it from here,
 * a module with no imports, so its bundle does not take in the seeder to learn one number; the build's
 * seed template is made for this count, so the two cannot drift apart.
 */
export const FIRST_START_CUSTOMERS = 2000;
