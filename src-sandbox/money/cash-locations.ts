/**
 * A small fixed set of realistic retail cash locations (contract §6 `GET /cash-locations`,
 * provider `greendot`). Ids and references never change, so tests and walk-throughs can name them.
 * Addresses are real-looking street addresses of the chains' usual kind; none is a real store record.
 */
export interface CashLocation {
  id: string;
  object: 'cashLocation';
  provider: 'greendot';
  name: string;
  address: { line1: string; city: string; state: string; zipCode: string; country: 'US' };
  coordinates: { latitude: number; longitude: number };
  cashLocationReference: string;
  flows: ('cashIn' | 'cashPickup')[];
  hours: string;
}

const loc = (id: string, name: string, line1: string, city: string, state: string, zipCode: string, latitude: number, longitude: number, ref: string): CashLocation => ({
  id,
  object: 'cashLocation',
  provider: 'greendot',
  name,
  address: { line1, city, state, zipCode, country: 'US' },
  coordinates: { latitude, longitude },
  cashLocationReference: ref,
  flows: ['cashIn', 'cashPickup'],
  hours: 'Mon–Sun 08:00–22:00',
});

export const CASH_LOCATIONS: CashLocation[] = [
  loc('loc_01jgd0cvs4521nyc00000000', 'CVS Pharmacy #4521', '123 Main St', 'New York', 'NY', '10001', 40.7506, -73.9972, 'GD-CVS-4521'),
  loc('loc_01jgd0wag7789sfo00000000', 'Walgreens #7789', '456 Market St', 'San Francisco', 'CA', '94105', 37.7897, -122.4000, 'GD-WAG-7789'),
  loc('loc_01jgd0sev3291aus00000000', '7-Eleven #32915', '789 Congress Ave', 'Austin', 'TX', '78701', 30.2700, -97.7431, 'GD-711-32915'),
  loc('loc_01jgd0wmt2031chi00000000', 'Walmart Supercenter #2031', '4650 W North Ave', 'Chicago', 'IL', '60639', 41.9097, -87.7424, 'GD-WMT-2031'),
  loc('loc_01jgd0dgn1411mia00000000', 'Dollar General #14112', '2100 NW 7th St', 'Miami', 'FL', '33125', 25.7810, -80.2290, 'GD-DG-14112'),
];

export function findLocation(id: string): CashLocation | undefined {
  return CASH_LOCATIONS.find((l) => l.id === id);
}

/** Great-circle distance in miles; geometry, not money, so floats are fine here. */
export function milesBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 3958.8 * 2 * Math.asin(Math.sqrt(h));
}
