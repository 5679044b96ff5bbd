import { fieldWords, type MatchFields } from './customer-match.ts';
import { endorsementHead } from './endorsement-head.ts';
import { CustomerPage } from '../../oms/customers.api.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { parseAnswer, type RawAnswer } from '../../oms/parse-answer.ts';

/** One customer as the directory keeps it: what search, the rows and the review queue need. */
export interface DirectoryEntry extends MatchFields {
  status: string;
  createdAt: string | null;
  updatedAt: string | null;
  endorsements: { name: string; status: string; updatedAt: string | null }[];
  walletIds: string[];
}

/**
 * A customer as the store writes it, built wherever its page was parsed (the walk does it in a
 * worker thread): plain strings only, so it crosses threads as a cheap copy and main allocates
 * nothing more for it than the row it stores.
 */
export interface PreparedEntry {
  id: string;
  createdAt: string | null;
  /** The entry without its id, positional (`encodeEntry`). */
  doc: string;
  /** Every searchable word of every field, space-separated, as the text index takes them. */
  words: string;
  /** Name, status, name, status…, in lower case as filters compare them. */
  endorsements: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);

export function toEntry(c: OmsCustomer): DirectoryEntry {
  const endorsements = (c.endorsements ?? []).map((e, i) => ({ ...endorsementHead(e, i), updatedAt: typeof e === 'string' ? null : str(e.updatedAt) }));
  return {
    id: c.id,
    firstName: str(c.firstName),
    middleName: str(c.middleName),
    lastName: str(c.lastName),
    email: str(c.email),
    phone: str(c.phone),
    externalId: str(c.externalId),
    status: str(c.status) ?? 'unknown',
    createdAt: str(c.createdAt),
    updatedAt: str(c.updatedAt),
    endorsements,
    walletIds: (c.wallets ?? []).map((w) => w.id),
  };
}

export function prepareEntry(c: OmsCustomer): PreparedEntry {
  const e = toEntry(c);
  return {
    id: e.id,
    createdAt: e.createdAt,
    doc: encodeEntry(e),
    words: fieldWords(e)
      .flatMap(([, ws]) => ws)
      .join(' '),
    endorsements: e.endorsements.flatMap((x) => [x.name.toLowerCase(), x.status.toLowerCase()]),
  };
}

/** A customer list page, checked and turned into rows ready for the store. */
export interface PreparedPage {
  rows: PreparedEntry[];
  hasMore: boolean;
  cursor: string | null;
}

/** A `GET /customers` body checked as the OMS client checks it (same schema, same errors), as rows. */
export function preparePage(raw: RawAnswer): PreparedPage {
  const page = parseAnswer('customer list', CustomerPage, raw);
  return { rows: page.items.map(prepareEntry), hasMore: page.hasMore, cursor: page.cursor };
}

/**
 * A row's document: the entry's values in a fixed order, without the id (a column of its own).
 * Field names would be a fifth of every row.
 */
type Doc = [
  firstName: string | null,
  middleName: string | null,
  lastName: string | null,
  email: string | null,
  phone: string | null,
  externalId: string | null,
  status: string,
  createdAt: string | null,
  updatedAt: string | null,
  endorsements: [name: string, status: string, updatedAt: string | null][],
  walletIds: string[],
];

export function encodeEntry(e: DirectoryEntry): string {
  const doc: Doc = [
    e.firstName ?? null,
    e.middleName ?? null,
    e.lastName ?? null,
    e.email ?? null,
    e.phone ?? null,
    e.externalId ?? null,
    e.status,
    e.createdAt,
    e.updatedAt,
    e.endorsements.map((x) => [x.name, x.status, x.updatedAt]),
    e.walletIds,
  ];
  return JSON.stringify(doc);
}

export function decodeEntry(id: string, json: string): DirectoryEntry {
  const [firstName, middleName, lastName, email, phone, externalId, status, createdAt, updatedAt, endorsements, walletIds] = JSON.parse(json) as Doc;
  return {
    id,
    firstName,
    middleName,
    lastName,
    email,
    phone,
    externalId,
    status,
    createdAt,
    updatedAt,
    endorsements: endorsements.map(([name, st, at]) => ({ name, status: st, updatedAt: at })),
    walletIds,
  };
}
