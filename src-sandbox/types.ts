export const ENDORSEMENT_NAMES = ['basic', 'cryptoCustody', 'usd'] as const;
export type EndorsementName = (typeof ENDORSEMENT_NAMES)[number];
export const ENDORSEMENT_STATUSES = ['incomplete', 'pending', 'active', 'rejected', 'revoked'] as const;
export type EndorsementStatus = (typeof ENDORSEMENT_STATUSES)[number];

export interface Address {
  line1: string;
  line2?: string | undefined;
  city: string;
  state?: string | undefined;
  country: string;
  zipCode?: string | undefined;
}

export interface IdentityDocument {
  type: 'ssn' | 'itin' | 'driversLicense' | 'passport';
  issuingCountry: string;
  number: string;
}

/** Write-only PII: kept apart in the stored document so the presenter can never leak it by accident. */
export interface CustomerPii {
  birthDate?: string | null;
  residentialAddress?: Address | null;
  ipAddress?: string | null;
  identifyingInformation?: IdentityDocument[] | null;
}

export interface CustomerDoc {
  id: string;
  type: 'individual';
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  nationality: string | null;
  externalId: string | null;
  status: 'active' | 'inactive';
  signedAgreement: boolean;
  signedAgreementAt: string | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  requested: EndorsementName[];
  pii: CustomerPii;
}

export interface Requirements {
  complete: string[];
  pending: string[];
  missing: string[];
  issues: string[];
}

export interface RejectionReason {
  developerReason: string;
  reason: string;
}

/** scheduled = auto review timer set; awaiting = waits for a human decision; blocked = waits for `basic`. */
export type ReviewState = 'scheduled' | 'awaiting' | 'blocked';

export interface EndorsementRecord {
  customerSeq: number;
  name: EndorsementName;
  status: EndorsementStatus;
  requirements: Requirements;
  rejectionReasons: RejectionReason[];
  reviewState: ReviewState | null;
  reviewDueAt: number | null;
  updatedAt: string;
}

export interface StoredCustomer {
  seq: number;
  doc: CustomerDoc;
}

export interface WalletRecord {
  seq: number;
  id: string;
  customerSeq: number;
  asset: string;
  chain: string;
  address: string;
  status: string;
  type: string;
  /** Base units of the asset (10^decimals per whole unit). */
  balanceUnits: bigint;
  createdAt: string;
  updatedAt: string;
}
