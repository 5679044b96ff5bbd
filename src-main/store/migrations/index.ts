import type { Migration } from './migration.ts';
import { m001Core } from './001-core.ts';
import { m002WebhookInbox } from './002-webhook-inbox.ts';
import { m003WebhookRejectedBodies } from './003-webhook-rejected-bodies.ts';
import { m004WebhookVariantProfile } from './004-webhook-variant-profile.ts';
import { m005WebhookRelayCursor } from './005-webhook-relay-cursor.ts';
import { m006WebhookDuplicateRefs } from './006-webhook-duplicate-refs.ts';
import { m007WebhookRelayTokenNote } from './007-webhook-relay-token-note.ts';
import { m008WebhookListenerDropVerification } from './008-webhook-listener-drop-verification.ts';

// 002 to 008 belong to the webhook inbox (src-main/webhooks). Add new ones at the end.
export const migrations: readonly Migration[] = [m001Core, m002WebhookInbox, m003WebhookRejectedBodies, m004WebhookVariantProfile, m005WebhookRelayCursor, m006WebhookDuplicateRefs, m007WebhookRelayTokenNote, m008WebhookListenerDropVerification];
