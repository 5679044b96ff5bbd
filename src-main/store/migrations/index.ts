import type { Migration } from '../database.ts';
import { m001Core } from './001-core.ts';
import { m002WebhookInbox } from './002-webhook-inbox.ts';

// 002 is reserved for the webhook inbox (src-main/webhooks). Add new ones at the end.
export const migrations: readonly Migration[] = [m001Core, m002WebhookInbox];
